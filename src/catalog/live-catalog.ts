import type { Logger } from 'pino';
import type { Catalog, ListSize, ReloadOutcome, ReloadResult } from '../contracts/catalog.js';
import { redactSource, withoutSourceSecrets } from '../list/redact-source.js';
import { readListSource } from '../list/source.js';
import {
  DEFAULT_BUILD_HEAP_MB,
  DEFAULT_BUILD_TIMEOUT_MS,
  inlineListParser,
  workerListParser,
  type ListBuildError,
} from './builder.js';
import { coalescing } from './coalesce.js';
import { describeError } from '../text/describe-error.js';
import { loadLastGood, saveLastGood, type LastGoodCopy } from './last-good.js';
import {
  diffIds,
  listPreparer,
  massRemoval,
  prepareWhole,
  sizeOf,
  type Prepared,
  type Preparer,
} from './prepare.js';
import { reloadStopwatch, type ReloadStopwatch, type ReloadTimings } from './reload-timing.js';
import { reloadTriggers } from './reload-triggers.js';
import type { ChangeListener, LiveCatalog, LiveCatalogOptions, ReloadRequest } from './types.js';

const DEFAULT_TIMEOUT_MS = 30_000;
/** Entry ids listed per log line; the counts are always complete. */
const MAX_LOGGED_IDS = 50;

interface Validators {
  etag?: string;
  lastModified?: string;
}

interface Served {
  catalog: Catalog;
  text: string;
  validators: Validators;
  /** Set while serving the saved copy because the source could not be read. */
  stale?: string;
}

/** readListSource's errors already name the source; stand-ins' may not. Either way, without its secrets. */
const readFailure = (source: string, error: unknown): string => {
  const message = withoutSourceSecrets(describeError(error), source);
  const shown = redactSource(source);
  return message.includes(shown) ? message : `could not read ${shown}: ${message}`;
};

const sample = (ids: string[]): string[] => ids.slice(0, MAX_LOGGED_IDS);

interface EntryChange {
  added: string[];
  removed: string[];
}

const changeFields = ({ added, removed }: EntryChange) => ({
  added: sample(added),
  removed: sample(removed),
  addedCount: added.length,
  removedCount: removed.length,
});

/** A refused list changed nothing: its log line says what it would have added and removed. */
const refusedChangeFields = ({ added, removed }: EntryChange) => ({
  wouldAdd: sample(added),
  wouldRemove: sample(removed),
  wouldAddCount: added.length,
  wouldRemoveCount: removed.length,
});

function logReload(
  log: Logger,
  request: ReloadRequest,
  result: ReloadResult,
  timings: ReloadTimings,
  refused?: EntryChange,
): void {
  const { outcome, message } = result;
  const fields = {
    reason: request.reason,
    timings,
    outcome,
    before: result.before,
    after: result.after,
    ...(refused ? refusedChangeFields(refused) : changeFields(result)),
  };
  if (outcome === 'updated') log.info(fields, `list reloaded: ${message}`);
  else if (outcome === 'unchanged') log.debug(fields, `list unchanged: ${message}`);
  else log.warn(fields, `list reload ${outcome}; keeping the current list: ${message}`);
}

/** One reload standing for several asked for during another: forced if any was, every reason kept. */
function mergeRequests(requests: readonly ReloadRequest[]): ReloadRequest {
  const reasons = [...new Set(requests.map((request) => request.reason))];
  return { reason: reasons.join(', '), force: requests.some((request) => request.force === true) };
}

/** A heap cap for the parse worker that fits LIST_MAX_BYTES (a list parsed in one part needs ~200×). */
const heapFor = (maxBytes: number): number =>
  Math.max(DEFAULT_BUILD_HEAP_MB, Math.ceil((maxBytes / 1024 / 1024) * 256));
/** A time limit for one parse that fits LIST_MAX_BYTES: a minute per MB, on a small busy machine. */
const timeoutFor = (maxBytes: number): number =>
  Math.max(DEFAULT_BUILD_TIMEOUT_MS, Math.ceil((maxBytes / 1024 / 1024) * 60_000));

/**
 * Loads the list and keeps it fresh. The first load (falling back to the last good copy in
 * stateDir) runs in the background: `whenLoaded()` tells when a list is served. Every list is
 * prepared to the side (prepare.ts: parsed in a worker thread, indexed in slices) and swapped in
 * whole, so answers never wait on it; reload-triggers.ts decides when to reload.
 */
export function startLiveCatalog(options: LiveCatalogOptions): LiveCatalog {
  const { source, stateDir, logger, metrics } = options;
  const now = options.now ?? (() => new Date());
  const readSource = options.readSource ?? readListSource;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const log = logger.child({ component: 'catalog', source: redactSource(source) });
  const listeners = new Set<ChangeListener>();
  /** Aborts a first load still running when the catalog stops. */
  const stopping = new AbortController();
  let stopped = false;
  const parser =
    options.parser ??
    (options.parse
      ? inlineListParser(options.parse)
      : workerListParser({
          timeoutMs: options.buildTimeoutMs ?? timeoutFor(options.maxBytes),
          maxHeapMb: heapFor(options.maxBytes),
        }));
  const preparer: Preparer = listPreparer({
    parser,
    ...(options.buildIndex ? { buildIndex: options.buildIndex } : {}),
    maxBytes: options.maxBytes,
    signal: stopping.signal,
    onBuildFailure: (error: ListBuildError) =>
      log.warn({ failure: error.failure, err: error }, `the list build failed (${error.failure})`),
  });

  let served: Served | undefined;
  let lastProblem: string | undefined;
  let loadFailure: string | undefined;

  const toCatalog = (prepared: Prepared, from: string): Catalog => ({
    ...prepared,
    source: from,
    loadedAt: now(),
  });

  async function persist(text: string, validators: Validators, entries: number): Promise<void> {
    try {
      await saveLastGood(stateDir, {
        text,
        meta: { source, ...validators, savedAt: now().toISOString(), entries },
      });
    } catch (error) {
      log.warn({ err: error, stateDir }, 'could not save the last good copy of the list');
    }
  }

  async function fromSavedCopy(saved: LastGoodCopy, reason: string): Promise<Served | undefined> {
    const prepared = await prepareWhole(preparer, saved.text);
    if (typeof prepared === 'string') {
      log.error({ reason: prepared, stateDir }, 'the last good copy of the list is unusable');
      return undefined;
    }
    const { etag, lastModified } = saved.meta;
    const sameSource = saved.meta.source === source;
    log.warn(
      {
        reason,
        savedAt: saved.meta.savedAt,
        savedFrom: redactSource(saved.meta.source),
        entries: prepared.doc.entries.length,
      },
      sameSource
        ? 'list source unavailable; serving the last good copy'
        : 'list source unavailable; serving the last good copy, which came from a different source',
    );
    return {
      catalog: toCatalog(prepared, saved.meta.source),
      text: saved.text,
      validators: sameSource ? { etag, lastModified } : {},
      stale: `serving the last good copy saved ${saved.meta.savedAt}: ${reason}`,
    };
  }

  async function initialLoad(): Promise<Served> {
    const saved = await loadLastGood(stateDir);
    const savedHere = saved?.meta.source === source ? saved : undefined;
    let reason: string;
    try {
      const result = await readSource(source, {
        etag: savedHere?.meta.etag,
        lastModified: savedHere?.meta.lastModified,
        timeoutMs,
        maxBytes: options.maxBytes,
      });
      if (result.status === 'not-modified' && savedHere) {
        const prepared = await prepareWhole(preparer, savedHere.text);
        if (typeof prepared !== 'string') {
          log.info({ entries: prepared.doc.entries.length }, 'list unchanged since the saved copy; using it');
          const { etag, lastModified } = savedHere.meta;
          return {
            catalog: toCatalog(prepared, source),
            text: savedHere.text,
            validators: { etag, lastModified },
          };
        }
        reason = prepared;
      } else if (result.status === 'ok') {
        const prepared = await prepareWhole(preparer, result.text);
        if (typeof prepared !== 'string') {
          const validators = { etag: result.etag, lastModified: result.lastModified };
          await persist(result.text, validators, prepared.doc.entries.length);
          log.info(sizeOf(prepared.doc), 'list loaded');
          return { catalog: toCatalog(prepared, source), text: result.text, validators };
        }
        reason = prepared;
      } else {
        reason = 'the source answered "not modified" but there is no saved copy';
      }
    } catch (error) {
      reason = readFailure(source, error);
    }
    if (stopping.signal.aborted) throw new Error('Cannot load the list: the bot is stopping.');
    const fallback = saved ? await fromSavedCopy(saved, reason) : undefined;
    if (fallback) return fallback;
    throw new Error(`Cannot load the list: ${reason}; and there is no usable last good copy in ${stateDir}.`);
  }

  async function notify(change: Parameters<ChangeListener>[0]): Promise<void> {
    for (const listener of listeners) {
      try {
        await listener(change);
      } catch (error) {
        log.error({ err: error }, 'a list change listener failed');
      }
    }
  }

  function finish(
    request: ReloadRequest,
    outcome: ReloadOutcome,
    message: string,
    extra: Partial<ReloadResult> & { before: ListSize },
    clock: ReloadStopwatch,
    refused?: EntryChange,
  ): ReloadResult {
    const result: ReloadResult = { outcome, added: [], removed: [], message, ...extra };
    metrics?.countListReload(outcome);
    lastProblem =
      outcome === 'failed' || outcome === 'refused' ? `last reload ${outcome}: ${message}` : undefined;
    logReload(log, request, result, clock.stop(), refused);
    return result;
  }

  async function reloadNow(request: ReloadRequest): Promise<ReloadResult> {
    const current = served;
    if (current === undefined) {
      const why = loadFailure ?? 'the bot is stopping';
      return {
        outcome: 'failed',
        before: { entries: 0, categories: 0 },
        added: [],
        removed: [],
        message: why,
      };
    }
    const clock = reloadStopwatch();
    const before = sizeOf(current.catalog.doc);
    let fetched;
    try {
      fetched = await readSource(source, {
        ...current.validators,
        timeoutMs,
        maxBytes: options.maxBytes,
      });
    } catch (error) {
      return finish(request, 'failed', readFailure(source, error), { before }, clock);
    }
    clock.lap('readMs');
    if (fetched.status === 'not-modified') {
      served = { ...current, stale: undefined };
      return finish(request, 'unchanged', 'the source reports no change', { before, after: before }, clock);
    }
    const validators = { etag: fetched.etag, lastModified: fetched.lastModified };
    if (fetched.text === current.text) {
      if (current.stale || validators.etag !== current.validators.etag)
        await persist(fetched.text, validators, before.entries);
      served = { ...current, validators, stale: undefined };
      return finish(request, 'unchanged', 'the list text is the same', { before, after: before }, clock);
    }
    const doc = await preparer.parse(fetched.text);
    clock.lap('parseMs');
    if (typeof doc === 'string') return finish(request, 'failed', doc, { before }, clock);
    const after = sizeOf(doc);
    const { added, removed } = diffIds(current.catalog.doc, doc);
    const refusal = request.force ? undefined : massRemoval(removed, before);
    if (refusal) return finish(request, 'refused', refusal, { before, after }, clock, { added, removed });
    const index = await preparer.index(doc);
    clock.lap('indexMs');
    if (typeof index === 'string') return finish(request, 'failed', index, { before }, clock);
    const previous = current.catalog;
    served = { catalog: toCatalog({ doc, index }, source), text: fetched.text, validators };
    metrics?.setListEntries(after.entries);
    await persist(fetched.text, validators, after.entries);
    await notify({ before: previous, after: served.catalog, added, removed, reason: request.reason });
    const message = `${after.entries} entries in ${after.categories} categories (${added.length} added, ${removed.length} removed)`;
    return finish(request, 'updated', message, { before, after, added, removed }, clock);
  }

  // One reload at a time; those asked for meanwhile share the next one. The first load counts as one.
  const reloads = coalescing<ReloadRequest, ReloadResult>((requests) =>
    stopped
      ? Promise.resolve({
          outcome: 'failed',
          before: served ? sizeOf(served.catalog.doc) : { entries: 0, categories: 0 },
          added: [],
          removed: [],
          message: 'the bot is stopping',
        })
      : reloadNow(mergeRequests(requests)),
  );

  const started = performance.now();
  const firstLoad = reloads.occupy(async () => {
    try {
      served = await initialLoad();
    } catch (error) {
      loadFailure = describeError(error);
      throw error;
    }
    metrics?.setListEntries(served.catalog.doc.entries.length);
    log.info({ ...sizeOf(served.catalog.doc), ms: Math.round(performance.now() - started) }, 'list ready');
    return served.catalog;
  });
  // Callers learn of a failed first load through whenLoaded(); this keeps it from being "unhandled".
  firstLoad.catch(() => undefined);

  const triggers = reloadTriggers({
    source,
    refreshMs: options.refreshMs,
    watchDebounceMs: options.watchDebounceMs,
    reload: (request) => reloads.request(request),
    log,
  });

  return {
    current() {
      if (served === undefined) throw new Error('the list is still loading');
      return served.catalog;
    },
    loaded: () => served !== undefined,
    whenLoaded: () => firstLoad,
    reload: (request) => reloads.request(request),
    start: () => triggers.start(),
    async stop() {
      stopped = true;
      triggers.stop();
      // A first load still running gives up; a reload in flight finishes (its answer is awaited).
      if (served === undefined) stopping.abort();
      await reloads.idle();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    health() {
      if (served === undefined) return { ok: false, detail: loadFailure ?? 'the list is loading' };
      const detail = served.stale ?? lastProblem;
      return detail ? { ok: true, detail } : { ok: true };
    },
  };
}

/** Starts a live catalog and waits for its first list; rejects (and stops it) when none can be loaded. */
export async function createLiveCatalog(options: LiveCatalogOptions): Promise<LiveCatalog> {
  const live = startLiveCatalog(options);
  try {
    await live.whenLoaded();
  } catch (error) {
    await live.stop();
    throw error;
  }
  return live;
}
