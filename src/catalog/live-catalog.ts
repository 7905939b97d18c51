import type { Logger } from 'pino';
import type { Catalog, ListSize, ReloadOutcome, ReloadResult } from '../contracts/catalog.js';
import { parseList } from '../list/parse.js';
import { readListSource } from '../list/source.js';
import { redactSource, withoutSourceSecrets } from '../list/redact-source.js';
import type { ListDocument } from '../list/types.js';
import { ProjectIndex } from '../search/index.js';
import { describeError } from '../text/describe-error.js';
import { loadLastGood, saveLastGood, type LastGoodCopy } from './last-good.js';
import { diffIds, listPreparer, massRemoval, sizeOf, type Prepared } from './prepare.js';
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

function logReload(log: Logger, request: ReloadRequest, result: ReloadResult, refused?: EntryChange): void {
  const { outcome, message } = result;
  const fields = {
    reason: request.reason,
    outcome,
    before: result.before,
    after: result.after,
    ...(refused ? refusedChangeFields(refused) : changeFields(result)),
  };
  if (outcome === 'updated') log.info(fields, `list reloaded: ${message}`);
  else if (outcome === 'unchanged') log.debug(fields, `list unchanged: ${message}`);
  else log.warn(fields, `list reload ${outcome}; keeping the current list: ${message}`);
}

/**
 * Loads the list (falling back to the last good copy in stateDir), then keeps it fresh.
 * Every reload prepares the new list to the side (prepare.ts) and swaps it in whole;
 * reload-triggers.ts decides when to reload.
 */
export async function createLiveCatalog(options: LiveCatalogOptions): Promise<LiveCatalog> {
  const { source, stateDir, logger, metrics } = options;
  const now = options.now ?? (() => new Date());
  const prepare = listPreparer(
    options.parse ?? ((markdown: string) => parseList(markdown)),
    options.buildIndex ?? ((doc: ListDocument) => ProjectIndex.build(doc)),
  );
  const readSource = options.readSource ?? readListSource;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const log = logger.child({ component: 'catalog', source: redactSource(source) });
  const listeners = new Set<ChangeListener>();

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

  function fromSavedCopy(saved: LastGoodCopy, reason: string): Served | undefined {
    const prepared = prepare(saved.text);
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
        const prepared = prepare(savedHere.text);
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
        const prepared = prepare(result.text);
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
    const fallback = saved ? fromSavedCopy(saved, reason) : undefined;
    if (fallback) return fallback;
    throw new Error(`Cannot load the list: ${reason}; and there is no usable last good copy in ${stateDir}.`);
  }

  let served = await initialLoad();
  let lastProblem: string | undefined;
  metrics?.setListEntries(served.catalog.doc.entries.length);

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
    refused?: EntryChange,
  ): ReloadResult {
    const result: ReloadResult = { outcome, added: [], removed: [], message, ...extra };
    metrics?.countListReload(outcome);
    lastProblem =
      outcome === 'failed' || outcome === 'refused' ? `last reload ${outcome}: ${message}` : undefined;
    logReload(log, request, result, refused);
    return result;
  }

  async function reloadNow(request: ReloadRequest): Promise<ReloadResult> {
    const before = sizeOf(served.catalog.doc);
    let fetched;
    try {
      fetched = await readSource(source, {
        ...served.validators,
        timeoutMs,
        maxBytes: options.maxBytes,
      });
    } catch (error) {
      return finish(request, 'failed', readFailure(source, error), { before });
    }
    if (fetched.status === 'not-modified') {
      served = { ...served, stale: undefined };
      return finish(request, 'unchanged', 'the source reports no change', { before, after: before });
    }
    const validators = { etag: fetched.etag, lastModified: fetched.lastModified };
    if (fetched.text === served.text) {
      if (served.stale || validators.etag !== served.validators.etag)
        await persist(fetched.text, validators, before.entries);
      served = { ...served, validators, stale: undefined };
      return finish(request, 'unchanged', 'the list text is the same', { before, after: before });
    }
    const prepared = prepare(fetched.text);
    if (typeof prepared === 'string') return finish(request, 'failed', prepared, { before });
    const after = sizeOf(prepared.doc);
    const { added, removed } = diffIds(served.catalog.doc, prepared.doc);
    const refusal = request.force ? undefined : massRemoval(removed, before);
    if (refusal) return finish(request, 'refused', refusal, { before, after }, { added, removed });
    const previous = served.catalog;
    served = { catalog: toCatalog(prepared, source), text: fetched.text, validators };
    metrics?.setListEntries(after.entries);
    await persist(fetched.text, validators, after.entries);
    await notify({ before: previous, after: served.catalog, added, removed, reason: request.reason });
    const message = `${after.entries} entries in ${after.categories} categories (${added.length} added, ${removed.length} removed)`;
    return finish(request, 'updated', message, { before, after, added, removed });
  }

  // Reloads run one at a time, in the order asked.
  let queue: Promise<unknown> = Promise.resolve();
  function reload(request: ReloadRequest): Promise<ReloadResult> {
    const next = queue.then(() => reloadNow(request));
    queue = next.catch(() => undefined);
    return next;
  }

  const triggers = reloadTriggers({
    source,
    refreshMs: options.refreshMs,
    watchDebounceMs: options.watchDebounceMs,
    reload,
    log,
  });

  return {
    current: () => served.catalog,
    reload,
    start: () => triggers.start(),
    async stop() {
      triggers.stop();
      await queue;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    health() {
      const detail = served.stale ?? lastProblem;
      return detail ? { ok: true, detail } : { ok: true };
    },
  };
}
