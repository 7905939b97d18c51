/**
 * Why a hit ranks where it does: for each query word, whether the entry covers it and where (which
 * fields hold it, or which rule covers it), and the parts of its score. For `dsp search
 * --explain` and for whoever tunes the ranking next.
 */
import type { Entry, EntryKind } from '../list/types.js';
import { processTerm, searchableText, SEARCH_FIELDS, type SearchField, type WordTerms } from './prose.js';
import type { QueryPlan, WordRole } from './query-plan.js';
import type { ScoreParts } from './ranking.js';
import { words } from './text.js';

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
  /** Relevance, the last rule: prose (BM25, 0-1.5), name layer (0-2.8), words held together in one field (0-0.5). */
  prose: number;
  name: number;
  together: number;
  score: number;
}

/**
 * @param wordTerms the index terms each text word was looked up as (ProseIndex.wordTerms)
 */
export function explainHit(
  entry: Entry,
  plan: QueryPlan,
  parts: ScoreParts,
  wordTerms: WordTerms,
): Explanation {
  const fieldTerms = termsByField(entry);
  const matches = plan.words.map(({ word, role }, index): WordMatch => {
    const covered = (parts.covered & (1 << index)) !== 0;
    return {
      word,
      role,
      covered,
      sources: covered ? sourcesOf(index, word, role, wordTerms, fieldTerms) : [],
    };
  });
  return {
    wants: plan.wants,
    words: matches,
    coverage: parts.coverage,
    exact: parts.exact,
    wantedKind: parts.wantedKind,
    prose: parts.prose,
    name: parts.name,
    together: parts.together,
    score: parts.score,
  };
}

function sourcesOf(
  index: number,
  word: string,
  role: WordRole,
  wordTerms: WordTerms,
  fieldTerms: Map<SearchField, Set<string>>,
): MatchSource[] {
  if (role === 'software') return ['kind'];
  if (role === 'alternative') return ['not the named entry'];
  const processed = processTerm(word);
  const terms = [...(wordTerms.get(index)?.keys() ?? []), ...(processed === null ? [] : [processed])];
  const fields = SEARCH_FIELDS.filter((field) => terms.some((term) => fieldTerms.get(field)?.has(term)));
  return fields.length > 0 ? fields : ['name (close form)'];
}

function termsByField(entry: Entry): Map<SearchField, Set<string>> {
  const text = searchableText(entry);
  const byField = new Map<SearchField, Set<string>>();
  for (const field of SEARCH_FIELDS) {
    const terms = new Set<string>();
    for (const word of words(text[field])) {
      const term = processTerm(word);
      if (term) terms.add(term);
    }
    byField.set(field, terms);
  }
  return byField;
}
