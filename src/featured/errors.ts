/**
 * The one place delivery errors are classified, by shape, so it works on discord.js's
 * DiscordAPIError ({ status, code }), HTTPError ({ status }) and Node network errors
 * ({ code: 'ECONNRESET' }) without importing discord.js.
 */

export type PermanentReason = 'missing-access' | 'missing-permissions' | 'unknown-channel' | 'rejected';

export type ErrorClass =
  { kind: 'permanent'; reason: PermanentReason } | { kind: 'transient' } | { kind: 'rate-limited' };

const MISSING_ACCESS = 50001;
const MISSING_PERMISSIONS = 50013;
const UNKNOWN_CHANNEL = 10003;

function readProperty(error: unknown, key: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[key] : undefined;
}

function permanent(reason: PermanentReason): ErrorClass {
  return { kind: 'permanent', reason };
}

function classifyDiscordCode(code: number): ErrorClass | undefined {
  if (code === MISSING_ACCESS) return permanent('missing-access');
  if (code === MISSING_PERMISSIONS) return permanent('missing-permissions');
  if (code === UNKNOWN_CHANNEL) return permanent('unknown-channel');
  return undefined;
}

function classifyStatus(status: number): ErrorClass {
  if (status === 429) return { kind: 'rate-limited' };
  if (status === 403) return permanent('missing-access');
  if (status === 404) return permanent('unknown-channel');
  if (status >= 500) return { kind: 'transient' };
  if (status === 408) return { kind: 'transient' };
  if (status >= 400) return permanent('rejected');
  return { kind: 'transient' };
}

/** Unknown shapes (timeouts, aborts, network codes) are transient: retrying is safe thanks to nonce + marker. */
export function classifyDeliveryError(error: unknown): ErrorClass {
  const code = readProperty(error, 'code');
  if (typeof code === 'number') {
    const byCode = classifyDiscordCode(code);
    if (byCode) return byCode;
  }
  const status = readProperty(error, 'status');
  if (typeof status === 'number') return classifyStatus(status);
  return { kind: 'transient' };
}
