/** The list being served, and what a reload of it reports: made by src/catalog, read by commands and the scheduler. */
import type { ListDocument } from '../list/types.js';
import type { ProjectIndex } from '../search/index.js';

/** The list currently served: swapped whole on reload, never mutated. */
export interface Catalog {
  doc: ListDocument;
  index: ProjectIndex;
  /** File path or URL the list came from. */
  source: string;
  loadedAt: Date;
}

export interface ListSize {
  entries: number;
  categories: number;
}

export type ReloadOutcome = 'updated' | 'unchanged' | 'refused' | 'failed';

export interface ReloadResult {
  outcome: ReloadOutcome;
  before: ListSize;
  /** Size of the list that was read, when one was read (also for refused reloads). */
  after?: ListSize;
  /** Entry ids new in the served list (empty unless updated). */
  added: string[];
  /** Entry ids no longer served (empty unless updated). */
  removed: string[];
  /** One line for people: what happened and why. */
  message: string;
}
