/** What a reload reports: its log line (with a sample of the entry ids it changed) and its read failures. */
import type { Logger } from 'pino';
import type { ReloadResult } from '../contracts/catalog.js';
import { redactSource, withoutSourceSecrets } from '../list/redact-source.js';
import { describeError } from '../text/describe-error.js';
import type { ReloadTimings } from './reload-timing.js';
import type { ReloadRequest } from './types.js';

/** Entry ids listed per log line; the counts are always complete. */
const MAX_LOGGED_IDS = 50;

/** readListSource's errors already name the source; stand-ins' may not. Either way, without its secrets. */
export const readFailure = (source: string, error: unknown): string => {
  const message = withoutSourceSecrets(describeError(error), source);
  const shown = redactSource(source);
  return message.includes(shown) ? message : `could not read ${shown}: ${message}`;
};

const sample = (ids: string[]): string[] => ids.slice(0, MAX_LOGGED_IDS);

export interface EntryChange {
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

export function logReload(
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
export function mergeRequests(requests: readonly ReloadRequest[]): ReloadRequest {
  const reasons = [...new Set(requests.map((request) => request.reason))];
  return { reason: reasons.join(', '), force: requests.some((request) => request.force === true) };
}
