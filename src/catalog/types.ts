import type { Logger } from 'pino';
import type { Catalog, ReloadOutcome, ReloadResult } from '../contracts/catalog.js';
import type { ListDocument } from '../list/types.js';
import type { ListSource } from '../list/source.js';
import type { ProjectIndex } from '../search/index.js';

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
  maxBytes: number;
  logger: Logger;
  metrics?: CatalogMetrics;
  /** Default: parseList from src/list/parse.ts. */
  parse?: ParseList;
  /** Default: ProjectIndex.build. */
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
  /** The list served now. Hold on to it for one query: a reload swaps in a new object, never mutates. */
  current(): Catalog;
  reload(request: ReloadRequest): Promise<ReloadResult>;
  /** URL sources: refresh every refreshMs. File sources: watch the file (and re-check every refreshMs). */
  start(): void;
  stop(): Promise<void>;
  /** Returns a function that removes the listener. */
  onChange(listener: ChangeListener): () => void;
  /** For /readyz: ok while a list is served; detail says when it is a stale copy or the last reload failed. */
  health(): { ok: boolean; detail?: string };
}
