/** GitHub's rate budget per API and credential (table rate_limits), in SQLite. */
import type Database from 'better-sqlite3';
import { rateLimitFromRow } from '../rate-limit-rows.js';
import type { RateLimitRow } from '../rate-limit-rows.js';
import type { RateLimitStore } from '../types.js';
import { writeImmediate } from './write.js';

export function sqliteRateLimits(db: Database.Database): RateLimitStore {
  return {
    // A state from an earlier window than the stored one says nothing about now: it is not kept.
    async saveRateLimit(record) {
      writeImmediate(db, () =>
        db
          .prepare(
            `INSERT INTO rate_limits (api, identity, budget_limit, remaining, reset_at, paused_until)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (api, identity) DO UPDATE SET budget_limit = excluded.budget_limit,
               remaining = excluded.remaining, reset_at = excluded.reset_at, paused_until = excluded.paused_until
             WHERE excluded.reset_at >= rate_limits.reset_at`,
          )
          .run(
            record.api,
            record.identity,
            record.limit ?? null,
            record.remaining,
            record.resetAt.getTime(),
            record.pausedUntil?.getTime() ?? null,
          ),
      );
    },

    async rateLimit(api, identity) {
      const row = db
        .prepare('SELECT * FROM rate_limits WHERE api = ? AND identity = ?')
        .get(api, identity) as RateLimitRow | undefined;
      return row ? rateLimitFromRow(row) : undefined;
    },
  };
}
