/**
 * ProjectIndex: search, autocomplete, facets and lookups over one list. Built once per list and
 * never mutated; a reload builds a new one.
 *
 * Ranking = MiniSearch's field-boosted BM25 over the prose (normalised to [0, 1])
 *         + the name layer (typo- and transposition-tolerant matching of names, see name-layer.ts)
 *         + a bonus when the query is exactly a project's name, id or repository.
 */
import MiniSearch, {
  type Query,
  type SearchOptions as MiniSearchOptions,
  type SearchResult as MiniSearchResult,
} from 'minisearch';
import type { Entry, ListDocument } from '../list/types.js';
import { countFacet, facetKey, languageKey, matchOptions, summariseCategories } from './facets.js';
import { NameLayer, typoBudget } from './name-layer.js';
import {
  compact,
  fold,
  isStopWord,
  MAX_SUGGESTION_CHARS,
  queryWords,
  stem,
  truncate,
  words,
} from './text.js';
import { SortedVocabulary } from './vocabulary.js';
import type {
  CategorySummary,
  FacetCount,
  SearchFilters,
  SearchHit,
  SearchOptions,
  SearchResult,
  Suggestion,
} from './types.js';

export type {
  CategorySummary,
  FacetCount,
  SearchFilters,
  SearchHit,
  SearchOptions,
  SearchResult,
  Suggestion,
};

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
/** Weights of the three ranking signals (see the file comment). */
const NAME_WEIGHT = 2.5;
const EXACT_NAME_BONUS = 3;
const EXACT_REPO_BONUS = 0.3;

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

const MAX_SUGGESTIONS = 25;
const DEFAULT_LIMIT = 10;

/** Lower-cased filter keys of one entry, precomputed so that filtering is cheap. */
interface FilterKeys {
  category: string;
  subcategory: string | undefined;
  language: string | undefined;
  tags: string[];
}

type EntryFilter = (position: number) => boolean;

interface Ranked {
  position: number;
  score: number;
}

export class ProjectIndex {
  readonly doc: ListDocument;
  readonly size: number;
  private readonly entries: readonly Entry[];
  private readonly positionById = new Map<string, number>();
  private readonly positionsByCompactName = new Map<string, number[]>();
  private readonly positionByRepo = new Map<string, number>();
  private readonly positionsByRepoName = new Map<string, number[]>();
  private readonly filterKeys: FilterKeys[];
  private readonly prose: MiniSearch<IndexedFields>;
  /** How often each index term occurs (a close estimate of the number of entries holding it). */
  private readonly proseTerms = new Map<string, number>();
  private readonly proseVocabulary: SortedVocabulary;
  private readonly names: NameLayer;
  /** Each entry's name written without spaces or punctuation. */
  private readonly compactNames: string[];
  /** Entry positions sorted by their name written without spaces, for prefix autocomplete. */
  private readonly byCompactName: { key: string; position: number }[];
  private readonly categorySummaries: CategorySummary[];
  private readonly languageCounts: FacetCount[];
  private readonly tagCounts: FacetCount[];
  private readonly categoryNames: Map<string, string>;

  private constructor(doc: ListDocument) {
    this.doc = doc;
    this.entries = doc.entries;
    this.size = doc.entries.length;
    this.filterKeys = filterKeysOf(this.entries);
    this.indexLookups();
    this.prose = this.indexProse();
    this.proseVocabulary = new SortedVocabulary(this.proseTerms.keys());
    this.names = new NameLayer(this.entries);
    this.compactNames = this.entries.map((entry) => compact(entry.name));
    this.byCompactName = this.compactNames
      .map((key, position) => ({ key, position }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.position - b.position));
    this.categorySummaries = summariseCategories(doc);
    this.languageCounts = countFacet(this.entries, (entry) => (entry.language ? [entry.language] : []));
    this.tagCounts = countFacet(this.entries, (entry) => entry.tags);
    this.categoryNames = new Map();
    for (const category of [...doc.categories, ...this.categorySummaries]) {
      const key = facetKey(category.name);
      if (!this.categoryNames.has(key)) this.categoryNames.set(key, category.name);
    }
    for (const entry of this.entries) {
      if (entry.subcategory && !this.categoryNames.has(facetKey(entry.subcategory))) {
        this.categoryNames.set(facetKey(entry.subcategory), entry.subcategory);
      }
    }
  }

  static build(doc: ListDocument): ProjectIndex {
    return new ProjectIndex(doc);
  }

  // ---- lookups -------------------------------------------------------------------------------

  get(id: string): Entry | undefined {
    const position = this.positionById.get(id);
    return position === undefined ? undefined : this.entries[position];
  }

  /** Exact id, else case-insensitive exact name (first in list order), else repository `owner/name`. */
  resolve(nameOrId: string): Entry | undefined {
    const text = nameOrId.trim();
    const byId = this.get(text);
    if (byId) return byId;
    const lower = fold(text);
    const byName = this.entries.find((entry) => fold(entry.name) === lower);
    if (byName) return byName;
    const repo = lower.replace(/^https?:\/\/github\.com\//, '').replace(/\/$/, '');
    const position = this.positionByRepo.get(repo);
    return position === undefined ? undefined : this.entries[position];
  }

  /** The canonical name of a `##` or `###` category, matched case-insensitively. */
  resolveCategory(name: string): string | undefined {
    return this.categoryNames.get(facetKey(name));
  }

  categories(): CategorySummary[] {
    return this.categorySummaries.map((summary) => ({
      ...summary,
      subcategories: summary.subcategories.map((sub) => ({ ...sub })),
    }));
  }

  languages(): FacetCount[] {
    return this.languageCounts.map((facet) => ({ ...facet }));
  }

  tags(): FacetCount[] {
    return this.tagCounts.map((facet) => ({ ...facet }));
  }

  // ---- search --------------------------------------------------------------------------------

  search(query: string, opts: SearchOptions = {}): SearchResult {
    const limit = clampCount(opts.limit, DEFAULT_LIMIT);
    const offset = clampCount(opts.offset, 0);
    const { total, top } = this.rank(query, this.compileFilter(opts), offset + limit);
    return {
      total,
      hits: top.slice(offset, offset + limit).map(({ position, score }) => ({
        entry: this.entries[position] as Entry,
        score,
      })),
    };
  }

  /** A random entry matching the filters, avoiding `exclude` unless every candidate is excluded. */
  random(filters: SearchFilters, rng: () => number, exclude?: ReadonlySet<string>): Entry | undefined {
    const accepts = this.compileFilter(filters);
    const candidates = this.entries.filter((_, position) => accepts(position));
    const fresh = exclude ? candidates.filter((entry) => !exclude.has(entry.id)) : candidates;
    const pool = fresh.length > 0 ? fresh : candidates;
    if (pool.length === 0) return undefined;
    const roll = rng();
    const pick = Number.isFinite(roll) ? Math.floor(roll * pool.length) : 0;
    return pool[Math.min(Math.max(pick, 0), pool.length - 1)];
  }

  /** Entries most like `id`: shared tags weigh most, then same sub-category/category, then language. */
  similar(id: string, limit = 3): Entry[] {
    const origin = this.positionById.get(id);
    if (origin === undefined) return [];
    const keys = this.filterKeys[origin] as FilterKeys;
    const scored: { position: number; score: number }[] = [];
    this.filterKeys.forEach((other, position) => {
      if (position === origin) return;
      const score = similarity(keys, other);
      if (score > 0) scored.push({ position, score });
    });
    scored.sort(
      (a, b) =>
        b.score - a.score ||
        Math.abs(a.position - origin) - Math.abs(b.position - origin) ||
        a.position - b.position,
    );
    return scored.slice(0, clampCount(limit, 3)).map(({ position }) => this.entries[position] as Entry);
  }

  /** The names closest to a query that found nothing (typo distance, then shared trigrams). */
  didYouMean(query: string, limit = 3): Entry[] {
    const queryText = compact(queryWords(query).join(' '));
    const max = clampCount(limit, 3);
    if (!queryText || max === 0) return [];
    const distances = new Map<number, number>();
    const maxEdits = Math.min(3, Math.max(1, Math.floor(queryText.length / 3)));
    const vocabulary = this.names.vocabulary;
    let matches = vocabulary.fuzzy(queryText, maxEdits, 'whole', { maxResults: 500, sameFirstLetter: true });
    if (matches.length < max)
      matches = vocabulary.fuzzy(queryText, Math.min(2, maxEdits), 'whole', { maxResults: 500 });
    for (const match of matches) {
      for (const position of this.names.entriesOf(match.index)) {
        distances.set(position, Math.min(distances.get(position) ?? Infinity, match.distance));
      }
    }
    const byDistance = [...distances]
      .sort((a, b) => a[1] - b[1] || a[0] - b[0])
      .map(([position]) => position);
    const chosen = new Set(byDistance.slice(0, max));
    if (chosen.size < max) {
      for (const position of this.closestByTrigrams(queryText, max)) {
        if (chosen.size < max) chosen.add(position);
      }
    }
    return [...chosen].map((position) => this.entries[position] as Entry);
  }

  // ---- autocomplete --------------------------------------------------------------------------

  /** Suggestions for a free-text query: project names and tags. */
  suggest(typed: string, limit = MAX_SUGGESTIONS): Suggestion[] {
    const prefix = typed.slice(0, MAX_SUGGESTION_CHARS);
    const max = clampSuggestionCount(limit);
    if (!prefix.trim()) return this.defaultSuggestions(max);
    const projects = this.projectPositionsFor(prefix, max);
    // Tags a typo away from what was typed are noise among the project names.
    const tags = matchOptions(this.tagCounts, prefix, max, { typos: false });
    const typedName = compact(prefix);
    const exactFirst = projects.filter((position) => this.compactNames[position] === typedName);
    const rest = projects.filter((position) => !exactFirst.includes(position));
    return [
      ...exactFirst.map((position) => this.projectSuggestion(position)),
      ...tags.map(tagSuggestion),
      ...rest.map((position) => this.projectSuggestion(position)),
    ].slice(0, max);
  }

  suggestProject(typed: string, limit = MAX_SUGGESTIONS): Suggestion[] {
    const prefix = typed.slice(0, MAX_SUGGESTION_CHARS);
    const max = clampSuggestionCount(limit);
    const positions = prefix.trim() ? this.projectPositionsFor(prefix, max) : this.alphabeticalPositions(max);
    return positions.map((position) => this.projectSuggestion(position));
  }

  suggestTag(typed: string, limit = MAX_SUGGESTIONS): Suggestion[] {
    return matchOptions(
      this.tagCounts,
      typed.slice(0, MAX_SUGGESTION_CHARS),
      clampSuggestionCount(limit),
    ).map(tagSuggestion);
  }

  suggestLanguage(typed: string, limit = MAX_SUGGESTIONS): Suggestion[] {
    const prefix = typed.slice(0, MAX_SUGGESTION_CHARS);
    const aliased = this.languageCounts.find((facet) => languageKey(facet.name) === languageKey(prefix));
    const matches = matchOptions(this.languageCounts, prefix, clampSuggestionCount(limit));
    const ordered = aliased ? [aliased, ...matches.filter((facet) => facet !== aliased)] : matches;
    return ordered.slice(0, clampSuggestionCount(limit)).map((facet) => ({
      label: truncate(`${facet.name} (${facet.count})`),
      value: truncate(facet.name),
      kind: 'language',
    }));
  }

  /** `##` categories and their `###` sub-categories, in list order. */
  suggestCategory(typed: string, limit = MAX_SUGGESTIONS): Suggestion[] {
    const prefix = typed.slice(0, MAX_SUGGESTION_CHARS);
    const options = this.categorySummaries.flatMap((summary) => [
      { name: summary.name, label: `${summary.name} (${summary.count})` },
      ...summary.subcategories.map((sub) => ({
        name: sub.name,
        label: `${summary.name} › ${sub.name} (${sub.count})`,
      })),
    ]);
    return matchOptions(options, prefix, clampSuggestionCount(limit)).map((option) => ({
      label: truncate(option.label),
      value: truncate(option.name),
      kind: 'category',
    }));
  }

  // ---- internals -----------------------------------------------------------------------------

  private indexLookups(): void {
    this.entries.forEach((entry, position) => {
      if (!this.positionById.has(entry.id)) this.positionById.set(entry.id, position);
      const key = compact(entry.name);
      const same = this.positionsByCompactName.get(key);
      if (same) same.push(position);
      else this.positionsByCompactName.set(key, [position]);
      const repo = entry.repo ? fold(entry.repo) : undefined;
      if (repo && !this.positionByRepo.has(repo)) this.positionByRepo.set(repo, position);
      const repoName = repo?.split('/')[1];
      if (repoName)
        this.positionsByRepoName.set(repoName, [...(this.positionsByRepoName.get(repoName) ?? []), position]);
    });
  }

  private indexProse(): MiniSearch<IndexedFields> {
    const terms = this.proseTerms;
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
    prose.addAll(this.entries.map(proseFields));
    return prose;
  }

  /** The number of matching entries and the best `needed` of them, best first. */
  private rank(query: string, accepts: EntryFilter, needed: number): { total: number; top: Ranked[] } {
    if (!query.trim()) return this.browse(accepts, needed);
    const allWords = queryWords(query);
    const contentWords = allWords.filter((word) => !isStopWord(word));
    if (contentWords.length === 0) return { total: 0, top: [] };
    const scores = new Map<number, number>();
    this.addProseScores(contentWords, accepts, needed, scores);
    this.addNameScores(contentWords, accepts, scores);
    this.addExactBonus(query, allWords, accepts, scores);
    return { total: scores.size, top: bestOf(scores, needed) };
  }

  private browse(accepts: EntryFilter, needed: number): { total: number; top: Ranked[] } {
    const top: Ranked[] = [];
    let total = 0;
    for (let position = 0; position < this.size; position++) {
      if (!accepts(position)) continue;
      total++;
      if (top.length < needed) top.push({ position, score: 0 });
    }
    return { total, top };
  }

  /**
   * MiniSearch's BM25 scores, normalised to [0, 1]. Entries holding every query word come first;
   * when fewer than `needed` do, entries holding some of the rarer words follow at half weight.
   * (Asking for all words first is also what keeps large lists fast: fewer results to build and
   * sort than with OR.)
   */
  private addProseScores(
    queryTerms: string[],
    accepts: EntryFilter,
    needed: number,
    scores: Map<number, number>,
  ): void {
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

  private termCount(term: string): number {
    return this.proseTerms.get(term) ?? 0;
  }

  /**
   * For each query word, the index terms to look up, with their weights: the word itself when the
   * list contains it; else its closest spellings in the list (typos); for the last word also the
   * terms it starts (being typed). Done here rather than with MiniSearch's fuzzy/prefix options,
   * which expand every word against the whole vocabulary and are 10-100× slower.
   */
  private expandTerms(queryTerms: string[]): Map<string, number>[] {
    const commonLimit = COMMON_TERM_SHARE * this.size;
    const isCommon = (term: string): boolean => (this.proseTerms.get(term) ?? 0) > commonLimit;
    const processed = queryTerms.map(processTerm);
    const anySelective = processed.some((term) => term !== null && !isCommon(term));
    const groups: Map<string, number>[] = [];
    processed.forEach((term, position) => {
      // A word in most entries ("distributed") barely moves BM25 but costs the most to score:
      // skip it when another word of the query does the selecting.
      if (!term || (anySelective && isCommon(term))) return;
      const group = new Map<string, number>();
      const add = (expansion: string, weight: number): void => {
        if (weight > (group.get(expansion) ?? 0)) group.set(expansion, weight);
      };
      if (this.proseTerms.has(term)) add(term, 1);
      else this.addTypoExpansions(term, add);
      // The word as typed, not stemmed: `lifts` is on its way to `liftsea`, not `liftbridge`.
      const typed = fold(queryTerms[position] ?? term);
      if (position === queryTerms.length - 1 && typed.length >= 3) this.addPrefixExpansions(typed, add);
      if (group.size > 0) groups.push(group);
    });
    return groups;
  }

  private addTypoExpansions(term: string, add: (term: string, weight: number) => void): void {
    const matches = this.proseVocabulary.fuzzy(term, typoBudget(term.length), 'whole', {
      maxResults: 50,
      sameFirstLetter: true,
    });
    matches.sort((a, b) => a.distance - b.distance || a.index - b.index);
    for (const match of matches.slice(0, MAX_TYPO_EXPANSIONS)) {
      add(this.proseVocabulary.words[match.index] as string, TYPO_WEIGHT / match.distance);
    }
  }

  private addPrefixExpansions(term: string, add: (term: string, weight: number) => void): void {
    const [start, end] = this.proseVocabulary.prefixRange(term);
    for (let index = start; index < Math.min(end, start + MAX_PREFIX_EXPANSIONS); index++) {
      const expansion = this.proseVocabulary.words[index] as string;
      if (expansion !== term)
        add(expansion, PREFIX_WEIGHT + PREFIX_WEIGHT * (term.length / expansion.length));
    }
  }

  private addNameScores(queryTerms: string[], accepts: EntryFilter, scores: Map<number, number>): void {
    const isRealWord = (word: string): boolean => this.proseTerms.has(processTerm(word) ?? word);
    for (const [position, quality] of this.names.score(queryTerms, isRealWord)) {
      if (accepts(position)) scores.set(position, (scores.get(position) ?? 0) + NAME_WEIGHT * quality);
    }
  }

  private addExactBonus(
    query: string,
    queryWordList: string[],
    accepts: EntryFilter,
    scores: Map<number, number>,
  ): void {
    const bonus = (position: number | undefined, amount: number): void => {
      if (position === undefined || !accepts(position)) return;
      scores.set(position, (scores.get(position) ?? 0) + amount);
    };
    for (const position of this.positionsByCompactName.get(queryWordList.join('')) ?? [])
      bonus(position, EXACT_NAME_BONUS);
    const trimmed = query.trim();
    bonus(this.positionById.get(trimmed), EXACT_NAME_BONUS);
    bonus(this.positionByRepo.get(fold(trimmed)), EXACT_NAME_BONUS);
    for (const position of this.positionsByRepoName.get(fold(trimmed)) ?? [])
      bonus(position, EXACT_REPO_BONUS);
  }

  private compileFilter(filters: SearchFilters): EntryFilter {
    const tests: ((keys: FilterKeys, entry: Entry) => boolean)[] = [];
    const category = filters.category?.trim() ? facetKey(filters.category) : undefined;
    const subcategory = filters.subcategory?.trim() ? facetKey(filters.subcategory) : undefined;
    const language = filters.language?.trim() ? languageKey(filters.language) : undefined;
    const tag = filters.tag?.trim() ? facetKey(filters.tag) : undefined;
    if (category) tests.push((keys) => keys.category === category || keys.subcategory === category);
    if (subcategory) tests.push((keys) => keys.subcategory === subcategory);
    if (language) tests.push((keys) => keys.language === language);
    if (tag) tests.push((keys) => keys.tags.includes(tag));
    if (filters.includeArchived === false) tests.push((_, entry) => !entry.archived);
    if (tests.length === 0) return () => true;
    return (position) => {
      const keys = this.filterKeys[position];
      const entry = this.entries[position];
      return keys !== undefined && entry !== undefined && tests.every((test) => test(keys, entry));
    };
  }

  private projectPositionsFor(prefix: string, max: number): number[] {
    const typed = compact(prefix.slice(0, 100));
    const found = new Set<number>();
    const add = (position: number): boolean => {
      if (found.size < max) found.add(position);
      return found.size < max;
    };
    if (!typed) return [];
    // Whole names starting with what was typed ("apache zoo" → Apache Zookeeper).
    let at = lowerBoundByKey(this.byCompactName, typed);
    for (; at < this.byCompactName.length; at++) {
      const item = this.byCompactName[at] as { key: string; position: number };
      if (!item.key.startsWith(typed) || !add(item.position)) break;
    }
    // Then names with a word (or repository word) starting with it, then typo-tolerant matches.
    const vocabulary = this.names.vocabulary;
    const [start, end] = vocabulary.prefixRange(typed);
    for (let index = start; index < end && found.size < max; index++) {
      for (const position of this.names.entriesOf(index)) if (!add(position)) break;
    }
    if (found.size < max && typed.length >= 3) {
      const matches = vocabulary.fuzzy(typed, typoBudget(typed.length), 'prefix', {
        maxResults: 200,
        sameFirstLetter: true,
      });
      matches.sort((a, b) => a.distance - b.distance || a.index - b.index);
      for (const match of matches) {
        for (const position of this.names.entriesOf(match.index)) if (!add(position)) break;
        if (found.size >= max) break;
      }
    }
    return [...found];
  }

  private alphabeticalPositions(max: number): number[] {
    return this.byCompactName.slice(0, max).map((item) => item.position);
  }

  private defaultSuggestions(max: number): Suggestion[] {
    const tags = this.tagCounts.slice(0, Math.min(5, max)).map(tagSuggestion);
    const projects = this.alphabeticalPositions(max - tags.length).map((position) =>
      this.projectSuggestion(position),
    );
    return [...tags, ...projects];
  }

  private projectSuggestion(position: number): Suggestion {
    const entry = this.entries[position] as Entry;
    const language = entry.language ? ` (${entry.language})` : '';
    const description = entry.description ? ` — ${entry.description}` : '';
    return {
      label: truncate(`${entry.name}${language}${description}`),
      value: truncate(entry.id),
      kind: 'project',
    };
  }

  private closestByTrigrams(queryText: string, max: number): number[] {
    const queryGrams = trigrams(queryText);
    const scored: { position: number; score: number }[] = [];
    this.compactNames.forEach((name, position) => {
      const nameGrams = trigrams(name);
      let shared = 0;
      for (const gram of nameGrams) if (queryGrams.has(gram)) shared++;
      const score = (2 * shared) / (queryGrams.size + nameGrams.size || 1);
      if (score >= 0.3) scored.push({ position, score });
    });
    scored.sort((a, b) => b.score - a.score || a.position - b.position);
    return scored.slice(0, max).map((item) => item.position);
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

/** With at least this many entries holding every query word, partial matches are not ranked. */
const ENOUGH_FULL_MATCHES = 25;

/** Higher score first, then list order. */
function compareRanked(a: Ranked, b: Ranked): number {
  return b.score - a.score || a.position - b.position;
}

/** The best `needed` entries, best first, without sorting all of them. */
function bestOf(scores: Map<number, number>, needed: number): Ranked[] {
  if (needed <= 0) return [];
  if (needed * 4 >= scores.size) {
    return [...scores]
      .map(([position, score]) => ({ position, score }))
      .sort(compareRanked)
      .slice(0, needed);
  }
  const top: Ranked[] = [];
  for (const [position, score] of scores) {
    const candidate = { position, score };
    const worst = top[top.length - 1];
    if (top.length === needed && worst && compareRanked(candidate, worst) >= 0) continue;
    let at = top.length;
    while (at > 0 && compareRanked(candidate, top[at - 1] as Ranked) < 0) at--;
    top.splice(at, 0, candidate);
    if (top.length > needed) top.pop();
  }
  return top;
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

const NO_TAGS: string[] = [];

/** Filter keys of each entry, sharing one string per distinct key (a list repeats them a lot). */
function filterKeysOf(entries: readonly Entry[]): FilterKeys[] {
  const shared = new Map<string, string>();
  const intern = (key: string): string => {
    const known = shared.get(key);
    if (known !== undefined) return known;
    shared.set(key, key);
    return key;
  };
  return entries.map((entry) => ({
    category: intern(facetKey(entry.category)),
    subcategory: entry.subcategory ? intern(facetKey(entry.subcategory)) : undefined,
    language: entry.language ? intern(languageKey(entry.language)) : undefined,
    tags: entry.tags.length > 0 ? entry.tags.map((tag) => intern(facetKey(tag))) : NO_TAGS,
  }));
}

function similarity(a: FilterKeys, b: FilterKeys): number {
  const sharedTags = a.tags.filter((tag) => b.tags.includes(tag)).length;
  let score = 3 * sharedTags;
  if (a.subcategory !== undefined && a.subcategory === b.subcategory) score += 2;
  if (a.category === b.category) score += 1;
  if (a.language !== undefined && a.language === b.language) score += 0.5;
  return score;
}

function tagSuggestion(tag: FacetCount): Suggestion {
  const projects = tag.count === 1 ? 'project' : 'projects';
  return {
    label: truncate(`${tag.name} — tag, ${tag.count} ${projects}`),
    value: truncate(tag.name),
    kind: 'tag',
  };
}

function lowerBoundByKey(items: readonly { key: string }[], key: string): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((items[mid] as { key: string }).key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function trigrams(text: string): Set<string> {
  const padded = `  ${text} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  return grams;
}

function clampCount(value: number | undefined, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.max(0, Math.floor(value));
}

function clampSuggestionCount(limit: number): number {
  return Math.min(MAX_SUGGESTIONS, clampCount(limit, MAX_SUGGESTIONS));
}
