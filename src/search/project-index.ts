/**
 * ProjectIndex: search, autocomplete, facets and lookups over one list. Built once per list and
 * never mutated; a reload builds a new one. It builds the parts, each in its own module, and
 * answers through them: lookups.ts, entry-filter.ts, ranking.ts (with prose.ts and
 * name-layer.ts), suggest.ts, related.ts and facets.ts.
 */
import type { Entry, ListDocument } from '../list/types.js';
import { clampCount } from './clamp.js';
import { EntryFilters } from './entry-filter.js';
import { explainHit } from './explain.js';
import { listFacets, type ListFacets } from './facets.js';
import { EntryLookups } from './lookups.js';
import { NameLayer } from './name-layer.js';
import { ProseIndex } from './prose.js';
import { Ranker } from './ranking.js';
import { RelatedEntries } from './related.js';
import { runSteps, runStepsInSlices, type SliceOptions, type Steps } from './steps.js';
import { MAX_SUGGESTIONS, Suggester } from './suggest.js';
import type {
  CategorySummary,
  ExplainedResult,
  FacetCount,
  SearchFilters,
  SearchOptions,
  SearchResult,
  Suggestion,
} from './types.js';

const DEFAULT_LIMIT = 10;

/** What an index is made of, each part built in steps. */
interface IndexParts {
  lookups: EntryLookups;
  filters: EntryFilters;
  names: NameLayer;
  prose: ProseIndex;
  facets: ListFacets;
  suggester: Suggester;
}

export class ProjectIndex {
  readonly doc: ListDocument;
  readonly size: number;
  private readonly lookups: EntryLookups;
  private readonly filters: EntryFilters;
  private readonly ranker: Ranker;
  private readonly suggester: Suggester;
  private readonly related: RelatedEntries;
  private readonly facets: ListFacets;

  private constructor(doc: ListDocument, parts: IndexParts) {
    this.doc = doc;
    this.size = doc.entries.length;
    this.lookups = parts.lookups;
    this.filters = parts.filters;
    this.ranker = new Ranker(parts.lookups, parts.names, parts.prose);
    this.facets = parts.facets;
    this.suggester = parts.suggester;
    this.related = new RelatedEntries(parts.lookups, parts.filters, parts.names);
  }

  /** Builds the index at once. */
  static build(doc: ListDocument): ProjectIndex {
    return runSteps(ProjectIndex.steps(doc));
  }

  /**
   * Builds the same index a few milliseconds at a time, letting the event loop run in between:
   * what the bot does with a new list while the current one keeps answering.
   */
  static buildInSlices(doc: ListDocument, options?: SliceOptions): Promise<ProjectIndex> {
    return runStepsInSlices(ProjectIndex.steps(doc), options);
  }

  private static *steps(doc: ListDocument): Steps<ProjectIndex> {
    const lookups = yield* EntryLookups.build(doc.entries);
    const filters = yield* EntryFilters.build(doc.entries);
    const names = yield* NameLayer.build(doc.entries);
    const prose = yield* ProseIndex.build(doc.entries);
    const facets = yield* listFacets(doc);
    const suggester = yield* Suggester.build(lookups, names, facets);
    const index = new ProjectIndex(doc, { lookups, filters, names, prose, facets, suggester });
    yield;
    return index;
  }

  // ---- lookups and facets --------------------------------------------------------------------

  get(id: string): Entry | undefined {
    return this.lookups.get(id);
  }

  /** Exact id, else case-insensitive exact name (first in list order), else repository `owner/name`. */
  resolve(nameOrId: string): Entry | undefined {
    return this.lookups.resolve(nameOrId);
  }

  categories(): CategorySummary[] {
    return this.facets.categories.map((summary) => ({
      ...summary,
      subcategories: summary.subcategories.map((sub) => ({ ...sub })),
    }));
  }

  languages(): FacetCount[] {
    return this.facets.languages.map((facet) => ({ ...facet }));
  }

  tags(): FacetCount[] {
    return this.facets.tags.map((facet) => ({ ...facet }));
  }

  // ---- search and picks ----------------------------------------------------------------------

  search(query: string, opts: SearchOptions = {}): SearchResult {
    const limit = clampCount(opts.limit, DEFAULT_LIMIT);
    const offset = clampCount(opts.offset, 0);
    const { total, top } = this.ranker.rank(query, this.filters.compile(opts), offset + limit);
    return {
      total,
      hits: top.slice(offset, offset + limit).map(({ position, score }) => ({
        entry: this.doc.entries[position] as Entry,
        score,
      })),
    };
  }

  /** As search(), with why each hit ranks where it does (query words matched per field, score parts). */
  explain(query: string, opts: SearchOptions = {}): ExplainedResult {
    const limit = clampCount(opts.limit, DEFAULT_LIMIT);
    const offset = clampCount(opts.offset, 0);
    const { plan, total, top } = this.ranker.explain(query, this.filters.compile(opts), offset + limit);
    return {
      total,
      hits: top.slice(offset, offset + limit).map(({ position, score, parts }) => {
        const entry = this.doc.entries[position] as Entry;
        return { entry, score, explanation: explainHit(entry, plan, parts) };
      }),
    };
  }

  /** A random project (or entry of `filters.kind`) matching the filters, avoiding `exclude` unless every candidate is excluded. */
  random(filters: SearchFilters, rng: () => number, exclude?: ReadonlySet<string>): Entry | undefined {
    return this.related.random(filters, rng, exclude);
  }

  /** Projects most like `id`, never resources: shared tags weigh most, then same sub-category/category, then language. */
  similar(id: string, limit = 3): Entry[] {
    return this.related.similar(id, limit);
  }

  /** The names a query that found nothing is a typo of (close-names.ts); none when none is close. */
  didYouMean(query: string, limit = 3): Entry[] {
    return this.related.didYouMean(query, limit);
  }

  // ---- autocomplete --------------------------------------------------------------------------

  /** Suggestions for a free-text query: project names and tags. */
  suggest(typed: string, limit = MAX_SUGGESTIONS): Suggestion[] {
    return this.suggester.suggest(typed, limit);
  }

  suggestProject(typed: string, limit = MAX_SUGGESTIONS): Suggestion[] {
    return this.suggester.project(typed, limit);
  }

  suggestTag(typed: string, limit = MAX_SUGGESTIONS): Suggestion[] {
    return this.suggester.tag(typed, limit);
  }

  suggestLanguage(typed: string, limit = MAX_SUGGESTIONS): Suggestion[] {
    return this.suggester.language(typed, limit);
  }

  /** `##` categories and their `###` sub-categories, in list order. */
  suggestCategory(typed: string, limit = MAX_SUGGESTIONS): Suggestion[] {
    return this.suggester.category(typed, limit);
  }
}
