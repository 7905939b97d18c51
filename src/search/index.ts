/**
 * ProjectIndex: search, autocomplete, facets and lookups over one list. Built once per list and
 * never mutated; a reload builds a new one.
 *
 * Ranking = MiniSearch's field-boosted BM25 over the prose (normalised to [0, 1])
 *         + the name layer (typo- and transposition-tolerant matching of names, see name-layer.ts)
 *         + a bonus when the query is exactly a project's name, id or repository.
 */
import MiniSearch, { type SearchOptions as MiniSearchOptions } from 'minisearch';
import type { Entry, ListDocument } from '../list/types.js';
import { countFacet, facetKey, languageKey, matchOptions, summariseCategories } from './facets.js';
import { NameLayer, typoBudget } from './name-layer.js';
import { compact, fold, isStopWord, queryWords, stem, truncate, words } from './text.js';
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
  private readonly proseTerms = new Set<string>();
  private readonly names: NameLayer;
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
    this.filterKeys = this.entries.map(filterKeysOf);
    this.indexLookups();
    this.prose = this.indexProse();
    this.names = new NameLayer(this.entries);
    this.byCompactName = this.entries
      .map((entry, position) => ({ key: compact(entry.name), position }))
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
    const ranked = this.rank(query, this.compileFilter(opts));
    return {
      total: ranked.length,
      hits: ranked.slice(offset, offset + limit).map(({ position, score }) => ({
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
    const pick = Math.floor(rng() * pool.length);
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
    for (const match of this.names.vocabulary.fuzzy(queryText, maxEdits, 'whole', 500)) {
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
  suggest(prefix: string, limit = MAX_SUGGESTIONS): Suggestion[] {
    const max = clampSuggestionCount(limit);
    if (!prefix.trim()) return this.defaultSuggestions(max);
    const projects = this.projectPositionsFor(prefix, max);
    const tags = matchOptions(this.tagCounts, prefix, max).filter((tag) => !isFuzzyOnly(tag.name, prefix));
    const exactFirst = projects.filter(
      (position) => compact(this.entries[position]?.name ?? '') === compact(prefix),
    );
    const rest = projects.filter((position) => !exactFirst.includes(position));
    return [
      ...exactFirst.map((position) => this.projectSuggestion(position)),
      ...tags.map(tagSuggestion),
      ...rest.map((position) => this.projectSuggestion(position)),
    ].slice(0, max);
  }

  suggestProject(prefix: string, limit = MAX_SUGGESTIONS): Suggestion[] {
    const max = clampSuggestionCount(limit);
    const positions = prefix.trim() ? this.projectPositionsFor(prefix, max) : this.alphabeticalPositions(max);
    return positions.map((position) => this.projectSuggestion(position));
  }

  suggestTag(prefix: string, limit = MAX_SUGGESTIONS): Suggestion[] {
    return matchOptions(this.tagCounts, prefix, clampSuggestionCount(limit)).map(tagSuggestion);
  }

  suggestLanguage(prefix: string, limit = MAX_SUGGESTIONS): Suggestion[] {
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
  suggestCategory(prefix: string, limit = MAX_SUGGESTIONS): Suggestion[] {
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
        if (processed) terms.add(processed);
        return processed;
      },
      searchOptions: { processTerm },
    });
    prose.addAll(this.entries.map(proseFields));
    return prose;
  }

  private rank(query: string, accepts: EntryFilter): { position: number; score: number }[] {
    if (!query.trim()) return this.browse(accepts);
    const allWords = queryWords(query);
    const contentWords = allWords.filter((word) => !isStopWord(word));
    if (contentWords.length === 0) return [];
    const scores = new Map<number, number>();
    this.addProseScores(contentWords, accepts, scores);
    this.addNameScores(contentWords, accepts, scores);
    this.addExactBonus(query, allWords, accepts, scores);
    return [...scores]
      .map(([position, score]) => ({ position, score }))
      .sort((a, b) => b.score - a.score || a.position - b.position);
  }

  private browse(accepts: EntryFilter): { position: number; score: number }[] {
    const all: { position: number; score: number }[] = [];
    for (let position = 0; position < this.size; position++) {
      if (accepts(position)) all.push({ position, score: 0 });
    }
    return all;
  }

  private addProseScores(queryTerms: string[], accepts: EntryFilter, scores: Map<number, number>): void {
    const options: MiniSearchOptions = {
      boost: FIELD_BOOST,
      combineWith: 'OR',
      // Typos only for words the list does not contain, prefixes only for the last word (being
      // typed): both keep MiniSearch from expanding every query word into hundreds of terms.
      fuzzy: (term) => (this.proseTerms.has(term) ? false : typoBudget(term.length)),
      prefix: (term, index, terms) => index === terms.length - 1 && term.length >= 3,
      filter: (result) => accepts(result.id as number),
    };
    const results = this.prose.search(queryTerms.join(' '), options);
    const top = results[0]?.score ?? 0;
    if (top <= 0) return;
    for (const result of results) scores.set(result.id as number, result.score / top);
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
      const matches = vocabulary.fuzzy(typed, typoBudget(typed.length), 'prefix', 200);
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
    this.entries.forEach((entry, position) => {
      const nameGrams = trigrams(compact(entry.name));
      let shared = 0;
      for (const gram of nameGrams) if (queryGrams.has(gram)) shared++;
      const score = (2 * shared) / (queryGrams.size + nameGrams.size || 1);
      if (score >= 0.3) scored.push({ position, score });
    });
    scored.sort((a, b) => b.score - a.score || a.position - b.position);
    return scored.slice(0, max).map((item) => item.position);
  }
}

function processTerm(term: string): string | null {
  const lower = term.toLowerCase();
  return isStopWord(lower) ? null : stem(lower);
}

function proseFields(entry: Entry, position: number): IndexedFields {
  return {
    i: position,
    name: entry.name,
    tags: entry.tags.join(' '),
    description: entry.description,
    note: entry.note ?? '',
    category: [entry.category, entry.subcategory ?? '', ...(entry.group ?? [])].join(' '),
    language: entry.language ?? '',
  };
}

function filterKeysOf(entry: Entry): FilterKeys {
  return {
    category: facetKey(entry.category),
    subcategory: entry.subcategory ? facetKey(entry.subcategory) : undefined,
    language: entry.language ? languageKey(entry.language) : undefined,
    tags: entry.tags.map(facetKey),
  };
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

/** A tag only a typo away from what was typed is noise in the free-text suggestions. */
function isFuzzyOnly(tag: string, typed: string): boolean {
  const query = fold(typed.trim());
  return !fold(tag).includes(query) && !words(tag).some((word) => word.startsWith(query));
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
