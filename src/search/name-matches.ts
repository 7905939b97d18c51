/**
 * The name layer's part in a ranking: per text word of the query, how well each name matches it
 * (name-layer.ts); a close enough match also covers the word. The name's relevance is the average
 * over the words, or the match of the query written without spaces (`victoria metrics` →
 * VictoriaMetrics), which then covers them all.
 */
import type { Candidates } from './candidate.js';
import type { EntryFilter } from './entry-filter.js';
import type { NameLayer } from './name-layer.js';
import type { PlannedWord } from './query-plan.js';

const NAME_WEIGHT = 2.5;
/** Match quality from which a name covers a word: a prefix of about half the word, a typo of a made-up word. */
const NAME_COVERS = 0.75;

export function addNameMatches(
  names: NameLayer,
  isRealWord: (word: string) => boolean,
  queryWords: readonly PlannedWord[],
  accepts: EntryFilter,
  candidates: Candidates,
): void {
  const text = queryWords.map((word, index) => ({ ...word, index })).filter(({ role }) => role === 'text');
  if (text.length === 0) return;
  const totals = new Map<number, number>();
  for (const { word, index } of text) {
    const best = new Map<number, number>();
    names.matchWord(word, isRealWord(word), best);
    for (const [position, quality] of best) {
      if (!accepts(position)) continue;
      totals.set(position, (totals.get(position) ?? 0) + quality / text.length);
      if (quality >= NAME_COVERS) candidates.coverInName(position, 1 << index);
    }
  }
  const allBits = text.reduce((bits, { index }) => bits | (1 << index), 0);
  for (const [position, quality] of joinedNameMatches(names, isRealWord, text)) {
    if (!accepts(position) || quality <= (totals.get(position) ?? 0)) continue;
    totals.set(position, quality);
    if (quality >= NAME_COVERS) candidates.coverInName(position, allBits);
  }
  for (const [position, quality] of totals) candidates.addName(position, NAME_WEIGHT * quality);
}

/** The query's words written as one (two or three words), matched against names without spaces. */
function joinedNameMatches(
  names: NameLayer,
  isRealWord: (word: string) => boolean,
  text: readonly PlannedWord[],
): Map<number, number> {
  const joined = new Map<number, number>();
  if (text.length < 2 || text.length > 3) return joined;
  // Words that all occur in the list are not a misspelt name: look the joined form up exactly.
  const words = text.map(({ word }) => word);
  names.matchWord(words.join(''), words.every(isRealWord), joined);
  return joined;
}
