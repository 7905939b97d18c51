import type { Logger } from 'pino';
import type { Catalog, ReloadOutcome, ReloadResult } from '../contracts/catalog.js';
import type { ListDocument } from '../list/types.js';
import type { ListSource } from '../list/source.js';
import type { ProjectIndex } from '../search/index.js';
import type { ListParser } from './builder.js';

export interface ReadSourceOptions {
  etag?: string;
  lastModified?: string;
  timeoutMs?: number;
  maxBytes: number;
}

export type ReadSource = (source: string, options: ReadSourceOptions) => Promise<ListSource>;
export type ParseList = (markdown: string) => ListDocument;
export type BuildIndex = (doc: ListDocument) => ProjectIndex;

export interface LiveCatalogOptions {
  /** File path or http(s) URL. */
  source: string;
  /** Where the last good copy is kept. */
  stateDir: string;
  /** How often `start()` re-reads the source, in milliseconds. */
  refreshMs: number;
  /** LIST_MAX_BYTES: a larger list is refused before parsing, a smaller one parsed whole. */
  maxBytes: number;
  logger: Logger;
  metrics?: CatalogMetrics;
  /** Parses off the event loop. Default: a worker thread per parse (builder.ts). */
  parser?: ListParser;
  /** Parse on the event loop with this instead (tests' stand-ins). */
  parse?: ParseList;
  /** A parse taking longer fails, and the worker is stopped. Default: a minute per MB of maxBytes, at least 2. */
  buildTimeoutMs?: number;
  /** Default: ProjectIndex.buildInSlices, which lets the event loop answer between slices. */
  buildIndex?: BuildIndex;
  /** Default: readListSource from src/list/source.ts. */
  readSource?: ReadSource;
  now?: () => Date;
  /** Per fetch. Default 30 s. */
  timeoutMs?: number;
  /** File edits arrive as bursts of events; wait this long for quiet. Default 250 ms. */
  watchDebounceMs?: number;
}

/** What the live list reports to metrics (src/http's Metrics is one). */
export interface CatalogMetrics {
  countListReload(outcome: ReloadOutcome): void;
  setListEntries(count: number): void;
}

export interface ReloadRequest {
  /** Accept a list that drops more than half of the entries. */
  force?: boolean;
  /**
   * Why: 'scheduled refresh', 'file changed', 'owner command' or 'SIGHUP'; logged with the outcome
   * and handed to change listeners.
   */
  reason: string;
}

export interface CatalogChange {
  before: Catalog;
  after: Catalog;
  added: string[];
  removed: string[];
  reason: string;
}

export type ChangeListener = (change: CatalogChange) => void | Promise<void>;

export interface LiveCatalog {
  /**
   * The list served now. Hold on to it for one query: a reload swaps in a new object, never mutates.
   * Throws while the first list is still loading: check `loaded()` first.
   */
  current(): Catalog;
  /** Whether a list is served yet: the first one loads in the background. */
  loaded(): boolean;
  /** The first list served; rejects when no list could be loaded (nor a saved copy). */
  whenLoaded(): Promise<Catalog>;
  /**
   * Re-reads the source and swaps in the new list when it is usable. One reload runs at a time;
   * those asked for meanwhile share the one further reload that follows it.
   */
  reload(request: ReloadRequest): Promise<ReloadResult>;
  /** URL sources: refresh every refreshMs. File sources: watch the file (and re-check every refreshMs). */
  start(): void;
  stop(): Promise<void>;
  /** Returns a function that removes the listener. */
  onChange(listener: ChangeListener): () => void;
  /**
   * For /readyz: ok while a list is served; detail says when it is a stale copy or the last reload
   * failed. Not ok while the first list loads.
   */
  health(): { ok: boolean; detail?: string };
}
