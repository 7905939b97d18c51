/** The rate_limits row both backends read (SQLite stores epoch ms, PostgreSQL timestamptz). */
import type { RateLimitRecord } from './metadata-records.js';
import { toDate } from './rows.js';
import type { StoredTime } from './rows.js';

export interface RateLimitRow {
  api: RateLimitRecord['api'];
  identity: string;
  budget_limit: number | null;
  remaining: number;
  reset_at: StoredTime;
  paused_until: StoredTime | null;
}

export function rateLimitFromRow(row: RateLimitRow): RateLimitRecord {
  return {
    api: row.api,
    identity: row.identity,
    ...(row.budget_limit !== null ? { limit: row.budget_limit } : {}),
    remaining: row.remaining,
    resetAt: toDate(row.reset_at),
    ...(row.paused_until !== null ? { pausedUntil: toDate(row.paused_until) } : {}),
  };
}
