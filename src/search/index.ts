/** The search layer: one ProjectIndex per list (see project-index.ts) and the types it answers with. */
export { ProjectIndex } from './project-index.js';
export { SEARCH_FIELDS, searchableText } from './prose.js';
export type { Explanation, MatchSource, WordMatch } from './explain.js';
export type { SliceOptions } from './steps.js';
export type {
  CategorySummary,
  ExplainedHit,
  ExplainedResult,
  FacetCount,
  KindCounts,
  SearchFilters,
  SearchHit,
  SearchOptions,
  SearchResult,
  Suggestion,
} from './types.js';
