/** GitHub's rate budget per API and credential (table rate_limits), in PostgreSQL. */
import type pg from 'pg';
import { rateLimitFromRow } from '../rate-limit-rows.js';
import type { RateLimitRow } from '../rate-limit-rows.js';
import type { RateLimitStore } from '../types.js';
import { selectRows } from './query.js';

export function postgresRateLimits(pool: pg.Pool): RateLimitStore {
  return {
    // A state from an earlier window than the stored one says nothing about now: it is not kept.
    async saveRateLimit(record) {
      await pool.query(
        `INSERT INTO rate_limits (api, identity, budget_limit, remaining, reset_at, paused_until)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (api, identity) DO UPDATE SET budget_limit = excluded.budget_limit,
           remaining = excluded.remaining, reset_at = excluded.reset_at, paused_until = excluded.paused_until
         WHERE excluded.reset_at >= rate_limits.reset_at`,
        [
          record.api,
          record.identity,
          record.limit ?? null,
          record.remaining,
          record.resetAt,
          record.pausedUntil ?? null,
        ],
      );
    },

    async rateLimit(api, identity) {
      const [row] = await selectRows<RateLimitRow>(
        pool,
        'SELECT * FROM rate_limits WHERE api = $1 AND identity = $2',
        [api, identity],
      );
      return row ? rateLimitFromRow(row) : undefined;
    },
  };
}
