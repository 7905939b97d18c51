/** When each list entry was first seen, in PostgreSQL. */
import type pg from 'pg';
import type { EntrySightings } from '../types.js';
import { selectRows } from './query.js';

export function postgresEntrySightings(pool: pg.Pool): EntrySightings {
  return {
    async recordEntriesSeen(ids, at) {
      if (ids.length === 0) return;
      await pool.query(
        `INSERT INTO entries_seen (entry_id, first_seen_at) SELECT id, $2 FROM unnest($1::text[]) AS id
         ON CONFLICT (entry_id) DO NOTHING`,
        [ids, at],
      );
    },

    async entriesFirstSeenSince(at) {
      const rows = await selectRows<{ entry_id: string }>(
        pool,
        'SELECT entry_id FROM entries_seen WHERE first_seen_at > $1 ORDER BY first_seen_at, entry_id',
        [at],
      );
      return rows.map((row) => row.entry_id);
    },
  };
}
