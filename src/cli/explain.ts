/** `dsp search --explain`: why each hit ranks where it does, one block per hit. */
import type { ExplainedHit, Explanation, WordMatch } from '../search/index.js';

/**
 * ```
 * 1. Apache Doris (apache-doris) project, score 45.90
 *    coverage 2/2 · names it no · project, as asked · prose 0.90 · name 0.00
 *    analytics   description
 *    database    description, category
 * ```
 */
export function formatExplanations(query: string, hits: readonly ExplainedHit[]): string {
  if (hits.length === 0) return `Nothing to explain: no entry matches "${query}".`;
  const blocks = hits.map((hit, index) => hitBlock(index + 1, hit));
  return [`Why each hit ranks where it does for "${query}":`, ...blocks].join('\n\n');
}

function hitBlock(rank: number, { entry, explanation }: ExplainedHit): string {
  const width = Math.max(...explanation.words.map(({ word }) => word.length));
  return [
    `${rank}. ${entry.name} (${entry.id}) ${entry.kind}, score ${explanation.score.toFixed(2)}`,
    `   ${scoreLine(explanation, entry.kind)}`,
    ...explanation.words.map((match) => `   ${match.word.padEnd(width)}  ${sourcesText(match)}`),
  ].join('\n');
}

function scoreLine(explanation: Explanation, kind: string): string {
  return [
    `coverage ${explanation.coverage}/${explanation.words.length}`,
    `names it ${explanation.exact ? 'yes' : 'no'}`,
    explanation.wantedKind ? `${kind}, as asked` : `${kind}, the query asks for a ${explanation.wants}`,
    `prose ${explanation.prose.toFixed(2)}`,
    `name ${explanation.name.toFixed(2)}`,
  ].join(' · ');
}

function sourcesText(match: WordMatch): string {
  if (!match.covered) return '(not matched)';
  return match.sources.join(', ');
}
