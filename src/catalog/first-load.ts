/**
 * The first load of the list: from the source (or the saved copy, when the source reports it
 * unchanged), else from the last good copy in stateDir, marked stale with the reason.
 */
import type { Logger } from 'pino';
import type { Catalog } from '../contracts/catalog.js';
import { redactSource } from '../list/redact-source.js';
import { loadLastGood, type LastGoodCopy } from './last-good.js';
import { prepareWhole, sizeOf, type Prepared, type Preparer } from './prepare.js';
import { readFailure } from './reload-log.js';
import type { ReadSource } from './types.js';

export interface Validators {
  etag?: string;
  lastModified?: string;
}

/** The list being served, with what it came from. */
export interface Served {
  catalog: Catalog;
  text: string;
  validators: Validators;
  /** Set while serving the saved copy because the source could not be read. */
  stale?: string;
}

export interface FirstLoadContext {
  source: string;
  stateDir: string;
  log: Logger;
  preparer: Preparer;
  readSource: ReadSource;
  timeoutMs: number;
  maxBytes: number;
  /** Aborted when the catalog stops. */
  signal: AbortSignal;
  toCatalog(prepared: Prepared, from: string): Catalog;
  /** Saves a list that was read as the last good copy (never throws). */
  persist(text: string, validators: Validators, entries: number): Promise<void>;
}

async function fromSavedCopy(
  context: FirstLoadContext,
  saved: LastGoodCopy,
  reason: string,
): Promise<Served | undefined> {
  const { source, stateDir, log } = context;
  const prepared = await prepareWhole(context.preparer, saved.text);
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
    catalog: context.toCatalog(prepared, saved.meta.source),
    text: saved.text,
    validators: sameSource ? { etag, lastModified } : {},
    stale: `serving the last good copy saved ${saved.meta.savedAt}: ${reason}`,
  };
}

export async function loadFirstList(context: FirstLoadContext): Promise<Served> {
  const { source, stateDir, log, preparer } = context;
  const saved = await loadLastGood(stateDir);
  const savedHere = saved?.meta.source === source ? saved : undefined;
  let reason: string;
  try {
    const result = await context.readSource(source, {
      etag: savedHere?.meta.etag,
      lastModified: savedHere?.meta.lastModified,
      timeoutMs: context.timeoutMs,
      maxBytes: context.maxBytes,
    });
    if (result.status === 'not-modified' && savedHere) {
      const prepared = await prepareWhole(preparer, savedHere.text);
      if (typeof prepared !== 'string') {
        log.info({ entries: prepared.doc.entries.length }, 'list unchanged since the saved copy; using it');
        const { etag, lastModified } = savedHere.meta;
        return {
          catalog: context.toCatalog(prepared, source),
          text: savedHere.text,
          validators: { etag, lastModified },
        };
      }
      reason = prepared;
    } else if (result.status === 'ok') {
      const prepared = await prepareWhole(preparer, result.text);
      if (typeof prepared !== 'string') {
        const validators = { etag: result.etag, lastModified: result.lastModified };
        await context.persist(result.text, validators, prepared.doc.entries.length);
        log.info(sizeOf(prepared.doc), 'list loaded');
        return { catalog: context.toCatalog(prepared, source), text: result.text, validators };
      }
      reason = prepared;
    } else {
      reason = 'the source answered "not modified" but there is no saved copy';
    }
  } catch (error) {
    reason = readFailure(source, error);
  }
  if (context.signal.aborted) throw new Error('Cannot load the list: the bot is stopping.');
  const fallback = saved ? await fromSavedCopy(context, saved, reason) : undefined;
  if (fallback) return fallback;
  throw new Error(`Cannot load the list: ${reason}; and there is no usable last good copy in ${stateDir}.`);
}
