/**
 * The prose signal of ranking: MiniSearch's field-boosted BM25 over each entry's text, normalised
 * to [0, 1], over the index terms term-expansion.ts looks each query word up as.
 */
import MiniSearch, {
  type Query,
  type SearchOptions as MiniSearchOptions,
  type SearchResult as MiniSearchResult,
} from 'minisearch';
import type { Entry } from '../list/types.js';
import type { Candidates } from './candidate.js';
import { type EntryTerms, EntryTermsBuilder } from './entry-terms.js';
import type { EntryFilter } from './entry-filter.js';
import { linkWords } from './link-words.js';
import type { PlannedWord } from './query-plan.js';
import { eachItem, type Steps } from './steps.js';
import { words } from './text.js';
import { SortedVocabulary } from './vocabulary.js';
import { processTerm, TermExpansion, type WordTerms } from './term-expansion.js';

/** What MiniSearch indexes for one entry; `i` is the entry's position in the list. */
interface IndexedFields {
  i: number;
  name: string;
  tags: string;
  description: string;
  note: string;
  category: string;
  language: string;
}

export const SEARCH_FIELDS = ['name', 'tags', 'description', 'note', 'category', 'language'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];
const FIELD_BOOST = { name: 5, tags: 3, language: 2, category: 1.5, description: 1, note: 0.5 };

/** Weight of entries matching only some of the query words, relative to those matching all. */
const PARTIAL_MATCH_WEIGHT = 0.5;
/** Weight of a kind word such as `library` in the prose signal, relative to the words that select. */
const SOFTWARE_WORD_WEIGHT = 0.5;
/** With at least this many entries holding every query word, partial matches are not ranked. */
const ENOUGH_FULL_MATCHES = 25;

const FIELD_INDEX: Record<string, number> = Object.fromEntries(
  SEARCH_FIELDS.map((field, index) => [field, index]),
);

/** What the prose search found for a query, beside the candidates it filled in. */
export interface ProseMatches {
  /** The index terms each text word of the query stands for: its spellings in the list, or itself. */
  wordTerms: Map<number, string[]>;
  /**
   * Words the search did not look up for every candidate: common words, and the word left out of
   * the search for partial matches. Whether a candidate holds them is read from fieldsHolding().
   */
  lookedUp: LookedUpWord[];
}

/** A query word (as its bit) and the index terms it stands for. */
export interface LookedUpWord {
  bit: number;
  terms: string[];
}

export class ProseIndex {
  private readonly prose: MiniSearch<IndexedFields>;
  /** The list's terms, and how query words are looked up as them. */
  private readonly expansion: TermExpansion;
  /** Which terms each entry holds, where. */
  private readonly entryTerms: EntryTerms;

  private constructor(prose: MiniSearch<IndexedFields>, expansion: TermExpansion, entryTerms: EntryTerms) {
    this.prose = prose;
    this.expansion = expansion;
    this.entryTerms = entryTerms;
  }

  /** Indexes the entries one by one, so that `held` learns which terms each holds, in which fields. */
  static *build(entries: readonly Entry[]): Steps<ProseIndex> {
    const terms = new Map<string, number>();
    const held = new EntryTermsBuilder();
    const prose = new MiniSearch<IndexedFields>({
      idField: 'i',
      fields: [...SEARCH_FIELDS],
      storeFields: [],
      tokenize: words,
      processTerm: (term, field) => {
        const processed = processTerm(term);
        if (processed) {
          terms.set(processed, (terms.get(processed) ?? 0) + 1);
          held.add(processed, FIELD_INDEX[field ?? ''] ?? 0);
        }
        return processed;
      },
      searchOptions: { processTerm },
    });
    yield* eachItem(entries, (entry, position) => {
      held.startEntry();
      prose.add(proseFields(entry, position));
    });
    const vocabulary = yield* SortedVocabulary.build(terms.keys());
    const entryTerms = held.build();
    yield;
    return new ProseIndex(prose, new TermExpansion(entries.length, terms, vocabulary), entryTerms);
  }

  /** The fields (bit i: SEARCH_FIELDS[i]) of the entry at `position` holding the index term; 0 when none does. */
  fieldsHolding(term: string, position: number): number {
    return this.entryTerms.fieldsHolding(term, position);
  }

  /** Whether a query word, as the index processes it (or an `-ing`/`-er` form of it), occurs in the list's prose. */
  hasWord(word: string): boolean {
    return this.expansion.hasWord(word);
  }

  /**
   * Every entry holding the query's words, with its score and the words it holds where. Entries
   * holding every word come first; when fewer than ENOUGH_FULL_MATCHES do, entries holding some
   * of the rarer words follow at half weight. Words in most of the list's entries are not
   * searched (they barely move BM25 and cost the most): who holds them comes from fieldsHolding().
   * (Asking for all words first is also what keeps large lists fast: fewer results to build and
   * sort than with OR.)
   */
  collect(queryWords: readonly PlannedWord[], accepts: EntryFilter, matches: Candidates): ProseMatches {
    const selective = this.expansion.anySelective(queryWords);
    const lookups = this.expansion.expandTerms(queryWords, selective);
    const common = this.expansion.commonWords(queryWords, selective);
    const wordTerms = new Map<number, string[]>();
    for (const [index, group] of lookups) wordTerms.set(index, [...group.keys()]);
    for (const [index, term] of common) wordTerms.set(index, [term]);
    const lookedUp = [...common.keys()];
    const found = (): ProseMatches => ({ wordTerms, lookedUp: lookedUpWords(lookedUp, wordTerms) });
    if (lookups.size === 0) return found();
    const options = this.searchOptions(lookups, accepts);
    const indexes = [...lookups.keys()];
    const alternatives: Query[] = [...lookups.values()].map((group) => ({
      combineWith: 'OR',
      queries: [...group.keys()],
    }));
    const all = this.prose.search({ combineWith: 'AND', queries: alternatives }, options);
    const every = bitsOf(indexes);
    addMatches(all, 1, () => every, matches);
    // A fixed threshold, not the page size: every page of one query must come from one ranking.
    if (all.length < ENOUGH_FULL_MATCHES && lookups.size > 1) {
      // The most common word is the most expensive to score, and the rarer ones are the ones
      // worth showing: partial matches are searched without it, and whether they hold it is looked up.
      const left = this.mostCommon(lookups);
      lookedUp.push(indexes[left] as number);
      const some = this.prose.search(
        { combineWith: 'OR', queries: alternatives.filter((_, at) => at !== left) },
        options,
      );
      const termWords = wordsOfTerms(lookups);
      const fresh = some.filter((result) => !matches.has(result.id as number));
      addMatches(fresh, PARTIAL_MATCH_WEIGHT, (result) => wordBits(result.terms, termWords), matches);
    }
    this.addSoftwareWordScores(queryWords, options, matches);
    return found();
  }

  private searchOptions(lookups: WordTerms, accepts: EntryFilter): MiniSearchOptions {
    const weights = new Map<string, number>();
    for (const group of lookups.values()) {
      for (const [term, weight] of group) weights.set(term, Math.max(weight, weights.get(term) ?? 0));
    }
    return {
      boost: FIELD_BOOST,
      fuzzy: false,
      prefix: false,
      // The terms are already processed (and expanded); processing them again would re-stem them.
      processTerm: (term) => term,
      boostTerm: (term) => weights.get(term) ?? 1,
      filter: (result) => accepts(result.id as number),
    };
  }

  /** Position (among the groups) of the group whose terms the most entries hold. */
  private mostCommon(lookups: WordTerms): number {
    const frequency = [...lookups.values()].map((group) =>
      [...group.keys()].reduce((sum, term) => sum + this.expansion.termCount(term), 0),
    );
    return frequency.indexOf(Math.max(...frequency));
  }

  /**
   * Words like `library` are covered by every project (query-plan.ts), so they select nothing;
   * entries that say them still rank higher: half their normalised BM25 is added.
   */
  private addSoftwareWordScores(
    queryWords: readonly PlannedWord[],
    options: MiniSearchOptions,
    matches: Candidates,
  ): void {
    if (!queryWords.some(({ role }) => role === 'software')) return;
    const terms = queryWords.flatMap(({ word, role }) => {
      const term = role === 'software' ? processTerm(word) : null;
      return term !== null && this.expansion.has(term) ? [term] : [];
    });
    if (terms.length === 0 || matches.size === 0) return;
    const results = this.prose.search(
      { combineWith: 'OR', queries: terms },
      { ...options, filter: (result) => matches.has(result.id as number) },
    );
    const top = results[0]?.score ?? 0;
    for (const result of results) {
      if (top > 0) matches.addProse(result.id as number, (SOFTWARE_WORD_WEIGHT * result.score) / top);
    }
  }
}

/** Records each result's normalised score (times `weight`) and the query words it holds. */
function addMatches(
  results: readonly MiniSearchResult[],
  weight: number,
  wordsHeld: (result: MiniSearchResult) => number,
  matches: Candidates,
): void {
  const top = results[0]?.score ?? 0;
  if (top <= 0) return;
  for (const result of results) {
    const position = result.id as number;
    matches.add(position);
    matches.prose[position] = (weight * result.score) / top;
    matches.proseWords[position] = wordsHeld(result);
  }
}

/** The looked-up words, as bits, with their index terms. */
function lookedUpWords(indexes: readonly number[], wordTerms: Map<number, string[]>): LookedUpWord[] {
  return indexes.map((index) => ({ bit: 1 << index, terms: wordTerms.get(index) ?? [] }));
}

function bitsOf(indexes: readonly number[]): number {
  return indexes.reduce((bits, index) => bits | (1 << index), 0);
}

function wordBits(terms: readonly string[], termWords: Map<string, number[]>): number {
  let bits = 0;
  for (const term of terms) for (const index of termWords.get(term) ?? []) bits |= 1 << index;
  return bits;
}

/** For each index term, the query words (by index) it stands for. */
function wordsOfTerms(lookups: WordTerms): Map<string, number[]> {
  const termWords = new Map<string, number[]>();
  for (const [index, group] of lookups) {
    for (const term of group.keys()) termWords.set(term, [...(termWords.get(term) ?? []), index]);
  }
  return termWords;
}

function proseFields(entry: Entry, position: number): IndexedFields {
  return { i: position, ...searchableText(entry) };
}

/** The text of each searched field of an entry (also used by the benchmark's raw MiniSearch). */
export function searchableText(entry: Entry): Record<SearchField, string> {
  return {
    name: entry.name,
    tags: entry.tags.join(' '),
    description: entry.description,
    note: entry.note ?? '',
    category: [entry.category, entry.subcategory ?? '', ...(entry.group ?? []), linkWords(entry)].join(' '),
    language: entry.language ?? '',
  };
}
