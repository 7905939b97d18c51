/**
 * The bot process registry in PostgreSQL. Heartbeats use the database clock so that skew between
 * hosts does not matter.
 */
import type pg from 'pg';
import type { ProcessRegistryStore } from '../types.js';
import { selectRows } from './query.js';

export function postgresProcessRegistry(pool: pg.Pool): ProcessRegistryStore {
  return {
    async registerProcess(registration) {
      await pool.query(
        `INSERT INTO bot_processes (id, shard_ids, shard_count, started_at, heartbeat_at)
         VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (id) DO UPDATE SET shard_ids = excluded.shard_ids, shard_count = excluded.shard_count,
           started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at`,
        [registration.id, registration.shardIds, registration.shardCount, registration.startedAt],
      );
    },

    async heartbeatProcess(id) {
      const result = await pool.query('UPDATE bot_processes SET heartbeat_at = now() WHERE id = $1', [id]);
      return result.rowCount === 1;
    },

    async liveProcessCount(withinMs) {
      const [row] = await selectRows<{ live: number }>(
        pool,
        `SELECT count(*)::integer AS live FROM bot_processes
         WHERE heartbeat_at >= now() - make_interval(secs => $1::double precision / 1000)`,
        [withinMs],
      );
      return row?.live ?? 0;
    },
  };
}
