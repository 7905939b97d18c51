/** The bot process registry in SQLite: every process shares this host's clock. */
import type Database from 'better-sqlite3';
import type { ProcessRegistryStore } from '../types.js';
import { writeImmediate } from './write.js';

export function sqliteProcessRegistry(db: Database.Database): ProcessRegistryStore {
  return {
    async registerProcess(registration) {
      writeImmediate(db, () =>
        db
          .prepare(
            `INSERT INTO bot_processes (id, shard_ids, shard_count, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET shard_ids = excluded.shard_ids, shard_count = excluded.shard_count,
               started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at`,
          )
          .run(
            registration.id,
            JSON.stringify(registration.shardIds),
            registration.shardCount,
            registration.startedAt.getTime(),
            Date.now(),
          ),
      );
    },

    async heartbeatProcess(id) {
      const result = writeImmediate(db, () =>
        db.prepare('UPDATE bot_processes SET heartbeat_at = ? WHERE id = ?').run(Date.now(), id),
      );
      return result.changes === 1;
    },

    async liveProcessCount(withinMs) {
      const row = db
        .prepare('SELECT count(*) AS live FROM bot_processes WHERE heartbeat_at >= ?')
        .get(Date.now() - withinMs) as { live: number };
      return row.live;
    },
  };
}
