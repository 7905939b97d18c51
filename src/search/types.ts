import type { Entry, EntryKind } from '../list/types.js';
import type { Explanation } from './explain.js';

export interface SearchFilters {
  category?: string;
  subcategory?: string;
  language?: string;
  tag?: string;
  /** Only projects, or only resources. */
  kind?: EntryKind;
  /** Archived entries are included unless this is false. */
  includeArchived?: boolean;
}

export interface SearchOptions extends SearchFilters {
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  entry: Entry;
  score: number;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Number of matching entries before limit/offset. */
  total: number;
}

export interface ExplainedHit extends SearchHit {
  explanation: Explanation;
}

export interface ExplainedResult {
  hits: ExplainedHit[];
  total: number;
}

export interface Suggestion {
  /** What the user sees (≤ 100 characters). */
  label: string;
  /** What is sent back when chosen (≤ 100 characters): an entry id for projects, the tag for tags. */
  value: string;
  kind: 'project' | 'tag' | 'category' | 'language';
}

/** Entries of a category: all of them, and how many are projects and resources. */
export interface KindCounts {
  count: number;
  projects: number;
  resources: number;
}

export interface CategorySummary extends KindCounts {
  name: string;
  /** `resource` for a section of mostly resources (books, talks, other lists…), else `project`. */
  kind: EntryKind;
  subcategories: ({ name: string } & KindCounts)[];
}

export interface FacetCount {
  name: string;
  count: number;
}
