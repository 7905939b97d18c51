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
import type { Candidates } from './candidate.js';
import { type EntryTerms, EntryTermsBuilder } from './entry-terms.js';
import type { EntryFilter } from './entry-filter.js';
import { linkWords } from './link-words.js';
import { typoBudget } from './name-layer.js';
import type { PlannedWord } from './query-plan.js';
import { eachItem, type Steps } from './steps.js';
import { fold, isStopWord, stem, verbRoot, words } from './text.js';
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
export type SearchField = (typeof SEARCH_FIELDS)[number];
const FIELD_BOOST = { name: 5, tags: 3, language: 2, category: 1.5, description: 1, note: 0.5 };

/** Weight of an index term one typo away from a query word (divided by the number of typos). */
const TYPO_WEIGHT = 0.5;
/** Weight of an index term the last query word is a prefix of: half, plus half times the share typed. */
const PREFIX_WEIGHT = 0.45;
const MAX_TYPO_EXPANSIONS = 5;
/** Weight of the list's `-ing`/`-er` forms of a query word. */
const VARIANT_WEIGHT = 0.8;
/** `-ing`/`-er` forms held by more entries than this together are not looked up. */
const MAX_VARIANT_POSTINGS = 200;
/** A term in more than this share of the entries is too common to be worth scoring next to others. */
const COMMON_TERM_SHARE = 0.3;
/** Weight of entries matching only some of the query words, relative to those matching all. */
const PARTIAL_MATCH_WEIGHT = 0.5;
const MAX_PREFIX_EXPANSIONS = 30;
/** Weight of a kind word such as `library` in the prose signal, relative to the words that select. */
const SOFTWARE_WORD_WEIGHT = 0.5;
/** With at least this many entries holding every query word, partial matches are not ranked. */
const ENOUGH_FULL_MATCHES = 25;

type AddTerm = (term: string, weight: number) => void;

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

/** The index terms each query word was looked up as, with their weights. */
type WordTerms = Map<number, Map<string, number>>;

export class ProseIndex {
  private readonly size: number;
  private readonly prose: MiniSearch<IndexedFields>;
  /** How often each index term occurs (a close estimate of the number of entries holding it). */
  private readonly terms: Map<string, number>;
  private readonly vocabulary: SortedVocabulary;

  /** Which terms each entry holds, where. */
  private readonly entryTerms: EntryTerms;
  /** Terms in more than COMMON_TERM_SHARE of the entries. */
  private readonly common: Set<string>;
  /** The list's terms by the root they share with their `-ing`/`-er` forms, where it has such forms. */
  private readonly variants: Map<string, string[]>;

  private constructor(
    size: number,
    prose: MiniSearch<IndexedFields>,
    terms: Map<string, number>,
    vocabulary: SortedVocabulary,
    entryTerms: EntryTerms,
  ) {
    this.size = size;
    this.prose = prose;
    this.terms = terms;
    this.vocabulary = vocabulary;
    this.entryTerms = entryTerms;
    const commonLimit = COMMON_TERM_SHARE * size;
    this.common = new Set([...terms].filter(([, count]) => count > commonLimit).map(([term]) => term));
    this.variants = variantsByRoot(terms.keys());
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
    return new ProseIndex(entries.length, prose, terms, vocabulary, entryTerms);
  }

  /** The fields (bit i: SEARCH_FIELDS[i]) of the entry at `position` holding the index term; 0 when none does. */
  fieldsHolding(term: string, position: number): number {
    return this.entryTerms.fieldsHolding(term, position);
  }

  /** Whether a query word, as the index processes it (or an `-ing`/`-er` form of it), occurs in the list's prose. */
  hasWord(word: string): boolean {
    const term = processTerm(word) ?? word;
    const root = verbRoot(term);
    return this.terms.has(term) || this.terms.has(root) || this.variants.has(root);
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
    const selective = this.anySelective(queryWords);
    const lookups = this.expandTerms(queryWords, selective);
    const common = this.commonWords(queryWords, selective);
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
      [...group.keys()].reduce((sum, term) => sum + this.termCount(term), 0),
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
      return term !== null && this.terms.has(term) ? [term] : [];
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

  /** The query words (by index) that are common terms: who holds them is looked up, not searched. */
  private commonWords(queryWords: readonly PlannedWord[], selective: boolean): Map<number, string> {
    const common = new Map<number, string>();
    if (!selective) return common;
    queryWords.forEach(({ word, role }, index) => {
      const term = processTerm(word);
      if (role === 'text' && term !== null && this.common.has(term)) common.set(index, term);
    });
    return common;
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
  private expandTerms(queryWords: readonly PlannedWord[], selective: boolean): WordTerms {
    const groups: WordTerms = new Map();
    queryWords.forEach(({ word, role, last }, index) => {
      const term = processTerm(word);
      // A word in most entries ("distributed") barely moves BM25 but costs the most to score:
      // skip it when another word of the query does the selecting.
      if (role !== 'text' || !term || (selective && this.common.has(term))) return;
      const group = new Map<string, number>();
      const add: AddTerm = (expansion, weight) => {
        if (weight > (group.get(expansion) ?? 0)) group.set(expansion, weight);
      };
      if (this.terms.has(term)) add(term, 1);
      const forms = this.addVariants(term, add);
      if (!this.terms.has(term) && !forms) this.addTypoExpansions(term, add);
      // The word as typed, not stemmed: `lifts` is on its way to `liftsea`, not `liftbridge`.
      if (last && word.length >= 3) this.addPrefixExpansions(fold(word), add);
      if (group.size > 0) groups.set(index, group);
    });
    return groups;
  }

  /** Whether some text word of the query is not a common term. */
  private anySelective(queryWords: readonly PlannedWord[]): boolean {
    return queryWords.some(({ word, role }) => {
      const term = processTerm(word);
      return role === 'text' && term !== null && !this.common.has(term);
    });
  }

  /**
   * The list's other `-ing`/`-er` forms of a word (`hashing` → `hash`), unless they are in so many
   * entries that scoring them would cost more than the word itself (then only the word as typed
   * is looked up, or its typos); false when none was added.
   */
  private addVariants(term: string, add: AddTerm): boolean {
    const root = verbRoot(term);
    const derived = this.variants.get(root);
    if (derived === undefined && (root === term || !this.terms.has(root))) return false;
    const forms = new Set(derived);
    if (this.terms.has(root)) forms.add(root);
    forms.delete(term);
    let postings = 0;
    for (const form of forms) postings += this.termCount(form);
    if (forms.size === 0 || postings > MAX_VARIANT_POSTINGS) return false;
    for (const form of forms) add(form, VARIANT_WEIGHT);
    return true;
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

/** Terms by their verbRoot(), keeping only roots shared by a derived form (`hash`: `hash`, `hashing`). */
function variantsByRoot(terms: Iterable<string>): Map<string, string[]> {
  const byRoot = new Map<string, string[]>();
  for (const term of terms) {
    const root = verbRoot(term);
    const same = byRoot.get(root);
    if (same) same.push(term);
    else byRoot.set(root, [term]);
  }
  for (const [root, same] of byRoot) if (same.length === 1 && same[0] === root) byRoot.delete(root);
  return byRoot;
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

export function processTerm(term: string): string | null {
  const lower = term.toLowerCase();
  return isStopWord(lower) ? null : stem(lower);
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
