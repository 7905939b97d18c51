import type { Logger } from 'pino';
import type { Catalog } from '../../commands/types.js';
import type { Metrics } from '../http/metrics.js';
import type { ListDocument } from '../list/types.js';
import type { ProjectIndex } from '../search/index.js';

export interface ReadSourceOptions {
  etag?: string;
  lastModified?: string;
  timeoutMs?: number;
  maxBytes: number;
}

/** What src/list/source.ts's readListSource returns. */
export type SourceResult =
  { status: 'ok'; text: string; etag?: string; lastModified?: string } | { status: 'not-modified' };

export type ReadSource = (source: string, options: ReadSourceOptions) => Promise<SourceResult>;
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
  metrics?: Pick<Metrics, 'countListReload' | 'setListEntries'>;
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

export interface ReloadRequest {
  /** Accept a list that drops more than half of the entries. */
  force?: boolean;
  /** Why: 'timer', 'file-change', 'owner command'... logged with the outcome. */
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
