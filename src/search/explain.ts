/**
 * Why a hit ranks where it does: for each query word, whether the entry covers it and where (which
 * fields hold it, or which rule covers it), and the parts of its score. For `dsp search
 * --explain` and for whoever tunes the ranking next.
 */
import type { Entry, EntryKind } from '../list/types.js';
import { linkWords } from './link-words.js';
import { SEARCH_FIELDS, type SearchField } from './prose.js';
import { processTerm } from './term-expansion.js';
import type { QueryPlan, WordRole } from './query-plan.js';
import type { ScoreParts } from './scoring.js';
import { words } from './text.js';

/** Where a query word was found: a searched field, or a rule that covers it. */
/**
 * Where a query word was found: a searched field; `link`, what the link points at (a PDF is a
 * `paper`); `name (close form)`, a typo or prefix of a name word; or a rule that covers it.
 */
export type MatchSource = SearchField | 'link' | 'name (close form)' | 'kind' | 'not the named entry';

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
  /** The query is the entry's name (or the beginning of it), id or repository: the second rule. */
  exact: boolean;
  /** The entry is of the kind the query asks for: the third rule. */
  wantedKind: boolean;
  /** Relevance, the last rule: prose (BM25, 0-1.5) and name layer (0-2.8). */
  prose: number;
  name: number;
  score: number;
}

export function explainHit(entry: Entry, plan: QueryPlan, parts: ScoreParts): Explanation {
  const fromLink = linkOnlyWords(entry, plan);
  const matches = plan.words.map(({ word, role }, index): WordMatch => {
    const bit = 1 << index;
    const covered = (parts.covered & bit) !== 0;
    const sources = covered ? sourcesOf(bit, role, parts) : [];
    return { word, role, covered, sources: fromLink.has(index) ? relabelLink(sources) : sources };
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

/** Query words (by index) that the link's words hold and the category path does not. */
function linkOnlyWords(entry: Entry, plan: QueryPlan): Set<number> {
  const link = new Set(words(linkWords(entry)).map((word) => processTerm(word)));
  const path = new Set(
    words([entry.category, entry.subcategory ?? '', ...(entry.group ?? [])].join(' ')).map((word) =>
      processTerm(word),
    ),
  );
  const found = new Set<number>();
  plan.words.forEach(({ word }, index) => {
    const term = processTerm(word);
    if (term !== null && link.has(term) && !path.has(term)) found.add(index);
  });
  return found;
}

function relabelLink(sources: MatchSource[]): MatchSource[] {
  return sources.map((source) => (source === 'category' ? 'link' : source));
}

function sourcesOf(bit: number, role: WordRole, parts: ScoreParts): MatchSource[] {
  if (role === 'software') return ['kind'];
  if (role === 'alternative') return ['not the named entry'];
  const fields: MatchSource[] = SEARCH_FIELDS.filter((_, at) => ((parts.fields[at] ?? 0) & bit) !== 0);
  if ((parts.nameWords & bit) !== 0 && !fields.includes('name')) fields.unshift('name (close form)');
  return fields;
}
