/**
 * Why a hit ranks where it does: for each query word, whether the entry covers it and where (which
 * fields hold it, or which rule covers it), and the parts of its score. For `dsp search
 * --explain` and for whoever tunes the ranking next.
 */
import type { EntryKind } from '../list/types.js';
import { SEARCH_FIELDS, type SearchField } from './prose.js';
import type { QueryPlan, WordRole } from './query-plan.js';
import type { ScoreParts } from './scoring.js';

/** Where a query word was found: a searched field, or a rule that covers it. */
export type MatchSource = SearchField | 'name (close form)' | 'kind' | 'not the named entry';

export interface WordMatch {
  word: string;
  role: WordRole;
  covered: boolean;
  /** Empty when the word is not covered. */
  sources: MatchSource[];
}

export interface Explanation {
  /** The kind ranked first at equal coverage. */
  wants: EntryKind;
  words: WordMatch[];
  /** Number of query words covered (of `words.length`): the first rule. */
  coverage: number;
  /** The query is the entry's name, id or repository: the second rule. */
  exact: boolean;
  /** The entry is of the kind the query asks for: the third rule. */
  wantedKind: boolean;
  /** Relevance, the last rule: prose (BM25, 0-1.5) and name layer (0-2.8). */
  prose: number;
  name: number;
  score: number;
}

export function explainHit(plan: QueryPlan, parts: ScoreParts): Explanation {
  const matches = plan.words.map(({ word, role }, index): WordMatch => {
    const bit = 1 << index;
    const covered = (parts.covered & bit) !== 0;
    return { word, role, covered, sources: covered ? sourcesOf(bit, role, parts) : [] };
  });
  return {
    wants: plan.wants,
    words: matches,
    coverage: parts.coverage,
    exact: parts.exact,
    wantedKind: parts.wantedKind,
    prose: parts.prose,
    name: parts.name,
    score: parts.score,
  };
}

function sourcesOf(bit: number, role: WordRole, parts: ScoreParts): MatchSource[] {
  if (role === 'software') return ['kind'];
  if (role === 'alternative') return ['not the named entry'];
  const fields: MatchSource[] = SEARCH_FIELDS.filter((_, at) => ((parts.fields[at] ?? 0) & bit) !== 0);
  if ((parts.nameWords & bit) !== 0 && !fields.includes('name')) fields.unshift('name (close form)');
  return fields;
}
