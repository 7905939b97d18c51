/**
 * The prose signal of ranking: MiniSearch's field-boosted BM25 over each entry's text, normalised
 * to [0, 1]. Query words are expanded here to the list's own terms (typos, the word being typed).
 */
import MiniSearch, {
  type Query,
  type SearchOptions as MiniSearchOptions,
  type SearchResult as MiniSearchResult,
} from 'minisearch';
import type { Entry } from '../list/types.js';
import type { EntryFilter } from './entry-filter.js';
import { typoBudget } from './name-layer.js';
import { fold, isStopWord, stem, words } from './text.js';
import { SortedVocabulary } from './vocabulary.js';

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
const FIELD_BOOST = { name: 5, tags: 3, language: 2, category: 1.5, description: 1, note: 0.5 };

/** Weight of an index term one typo away from a query word (divided by the number of typos). */
const TYPO_WEIGHT = 0.5;
/** Weight of an index term the last query word is a prefix of: half, plus half times the share typed. */
const PREFIX_WEIGHT = 0.45;
const MAX_TYPO_EXPANSIONS = 5;
/** A term in more than this share of the entries is too common to be worth scoring next to others. */
const COMMON_TERM_SHARE = 0.3;
/** Weight of entries matching only some of the query words, relative to those matching all. */
const PARTIAL_MATCH_WEIGHT = 0.5;
const MAX_PREFIX_EXPANSIONS = 30;
/** With at least this many entries holding every query word, partial matches are not ranked. */
const ENOUGH_FULL_MATCHES = 25;

type AddTerm = (term: string, weight: number) => void;

export class ProseIndex {
  private readonly size: number;
  private readonly prose: MiniSearch<IndexedFields>;
  /** How often each index term occurs (a close estimate of the number of entries holding it). */
  private readonly terms = new Map<string, number>();
  private readonly vocabulary: SortedVocabulary;

  constructor(entries: readonly Entry[]) {
    this.size = entries.length;
    this.prose = this.index(entries);
    this.vocabulary = new SortedVocabulary(this.terms.keys());
  }

  /** Whether a query word, as the index processes it, occurs in the list's prose. */
  hasWord(word: string): boolean {
    return this.terms.has(processTerm(word) ?? word);
  }

  /**
   * Adds each matching entry's score to `scores`. Entries holding every query word come first;
   * when fewer than `needed` do, entries holding some of the rarer words follow at half weight.
   * (Asking for all words first is also what keeps large lists fast: fewer results to build and
   * sort than with OR.)
   */
  addScores(queryTerms: string[], accepts: EntryFilter, needed: number, scores: Map<number, number>): void {
    const groups = this.expandTerms(queryTerms);
    if (groups.length === 0) return;
    const weights = new Map<string, number>();
    for (const group of groups) {
      for (const [term, weight] of group) weights.set(term, Math.max(weight, weights.get(term) ?? 0));
    }
    const options: MiniSearchOptions = {
      boost: FIELD_BOOST,
      fuzzy: false,
      prefix: false,
      // The terms are already processed (and expanded); processing them again would re-stem them.
      processTerm: (term) => term,
      boostTerm: (term) => weights.get(term) ?? 1,
      filter: (result) => accepts(result.id as number),
    };
    const alternatives: Query[] = groups.map((group) => ({ combineWith: 'OR', queries: [...group.keys()] }));
    const all = this.prose.search({ combineWith: 'AND', queries: alternatives }, options);
    addNormalised(all, 1, scores);
    // A fixed threshold, not the page size: every page of one query must come from one ranking.
    if (all.length >= ENOUGH_FULL_MATCHES || groups.length === 1) return;
    // Partial matches worth showing hold the rarer words: leave out the most common one, which
    // is also the most expensive to score.
    const frequency = groups.map((group) =>
      [...group.keys()].reduce((sum, term) => sum + this.termCount(term), 0),
    );
    const mostCommon = frequency.indexOf(Math.max(...frequency));
    const rarer = alternatives.filter((_, index) => index !== mostCommon);
    const some = this.prose.search({ combineWith: 'OR', queries: rarer }, options);
    addNormalised(
      some.filter((result) => !scores.has(result.id as number)),
      PARTIAL_MATCH_WEIGHT,
      scores,
    );
  }

  private index(entries: readonly Entry[]): MiniSearch<IndexedFields> {
    const terms = this.terms;
    const prose = new MiniSearch<IndexedFields>({
      idField: 'i',
      fields: [...SEARCH_FIELDS],
      storeFields: [],
      tokenize: words,
      processTerm: (term) => {
        const processed = processTerm(term);
        if (processed) terms.set(processed, (terms.get(processed) ?? 0) + 1);
        return processed;
      },
      searchOptions: { processTerm },
    });
    prose.addAll(entries.map(proseFields));
    return prose;
  }

  private termCount(term: string): number {
    return this.terms.get(term) ?? 0;
  }

  /**
   * For each query word, the index terms to look up, with their weights: the word itself when the
   * list contains it; else its closest spellings in the list (typos); for the last word also the
   * terms it starts (being typed). Done here rather than with MiniSearch's fuzzy/prefix options,
   * which expand every word against the whole vocabulary and are 10-100× slower.
   */
  private expandTerms(queryTerms: string[]): Map<string, number>[] {
    const commonLimit = COMMON_TERM_SHARE * this.size;
    const isCommon = (term: string): boolean => (this.terms.get(term) ?? 0) > commonLimit;
    const processed = queryTerms.map(processTerm);
    const anySelective = processed.some((term) => term !== null && !isCommon(term));
    const groups: Map<string, number>[] = [];
    processed.forEach((term, position) => {
      // A word in most entries ("distributed") barely moves BM25 but costs the most to score:
      // skip it when another word of the query does the selecting.
      if (!term || (anySelective && isCommon(term))) return;
      const group = new Map<string, number>();
      const add: AddTerm = (expansion, weight) => {
        if (weight > (group.get(expansion) ?? 0)) group.set(expansion, weight);
      };
      if (this.terms.has(term)) add(term, 1);
      else this.addTypoExpansions(term, add);
      // The word as typed, not stemmed: `lifts` is on its way to `liftsea`, not `liftbridge`.
      const typed = fold(queryTerms[position] ?? term);
      if (position === queryTerms.length - 1 && typed.length >= 3) this.addPrefixExpansions(typed, add);
      if (group.size > 0) groups.push(group);
    });
    return groups;
  }

  private addTypoExpansions(term: string, add: AddTerm): void {
    const matches = this.vocabulary.fuzzy(term, typoBudget(term.length), 'whole', {
      maxResults: 50,
      sameFirstLetter: true,
    });
    matches.sort((a, b) => a.distance - b.distance || a.index - b.index);
    for (const match of matches.slice(0, MAX_TYPO_EXPANSIONS)) {
      add(this.vocabulary.words[match.index] as string, TYPO_WEIGHT / match.distance);
    }
  }

  private addPrefixExpansions(term: string, add: AddTerm): void {
    const [start, end] = this.vocabulary.prefixRange(term);
    for (let index = start; index < Math.min(end, start + MAX_PREFIX_EXPANSIONS); index++) {
      const expansion = this.vocabulary.words[index] as string;
      if (expansion !== term)
        add(expansion, PREFIX_WEIGHT + PREFIX_WEIGHT * (term.length / expansion.length));
    }
  }
}

function addNormalised(
  results: readonly MiniSearchResult[],
  weight: number,
  scores: Map<number, number>,
): void {
  const top = results[0]?.score ?? 0;
  if (top <= 0) return;
  for (const result of results) scores.set(result.id as number, (weight * result.score) / top);
}

function processTerm(term: string): string | null {
  const lower = term.toLowerCase();
  return isStopWord(lower) ? null : stem(lower);
}

function proseFields(entry: Entry, position: number): IndexedFields {
  return { i: position, ...searchableText(entry) };
}

/** The text of each searched field of an entry (also used by the benchmark's raw MiniSearch). */
export function searchableText(entry: Entry): Record<(typeof SEARCH_FIELDS)[number], string> {
  return {
    name: entry.name,
    tags: entry.tags.join(' '),
    description: entry.description,
    note: entry.note ?? '',
    category: [entry.category, entry.subcategory ?? '', ...(entry.group ?? [])].join(' '),
    language: entry.language ?? '',
  };
}
