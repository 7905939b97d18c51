import type { Catalog, ListSize, ReloadOutcome, ReloadResult } from '../contracts/catalog.js';
import { redactSource } from '../list/redact-source.js';
import { readListSource } from '../list/source.js';
import { catalogListParser, type ListBuildError } from './builder.js';
import { coalescing } from './coalesce.js';
import { describeError } from '../text/describe-error.js';
import { loadFirstList, type Served, type Validators } from './first-load.js';
import { saveLastGood } from './last-good.js';
import { diffIds, listPreparer, massRemoval, sizeOf, type Prepared, type Preparer } from './prepare.js';
import { logReload, mergeRequests, readFailure, type EntryChange } from './reload-log.js';
import { reloadStopwatch, type ReloadStopwatch } from './reload-timing.js';
import { reloadTriggers } from './reload-triggers.js';
import type { ChangeListener, LiveCatalog, LiveCatalogOptions, ReloadRequest } from './types.js';

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Loads the list and keeps it fresh: the reload and swap orchestration. The first load
 * (first-load.ts, falling back to the last good copy in stateDir) runs in the background: `whenLoaded()` tells when a list is served. Every list is
 * prepared to the side (prepare.ts: parsed in a worker thread, indexed in slices) and swapped in
 * whole, so answers never wait on it; reload-triggers.ts decides when to reload, reload-log.ts
 * reports each one.
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
  const preparer: Preparer = listPreparer({
    parser: catalogListParser(options),
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

  const initialLoad = (): Promise<Served> =>
    loadFirstList({
      source,
      stateDir,
      log,
      preparer,
      readSource,
      timeoutMs,
      maxBytes: options.maxBytes,
      signal: stopping.signal,
      toCatalog,
      persist,
    });

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
