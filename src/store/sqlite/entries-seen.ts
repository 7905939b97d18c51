/** When each list entry was first seen, in SQLite. */
import type Database from 'better-sqlite3';
import type { EntrySightings } from '../types.js';
import { writeImmediate } from './write.js';

export function sqliteEntrySightings(db: Database.Database): EntrySightings {
  return {
    async recordEntriesSeen(ids, at) {
      const insert = db.prepare(
        'INSERT INTO entries_seen (entry_id, first_seen_at) VALUES (?, ?) ON CONFLICT (entry_id) DO NOTHING',
      );
      writeImmediate(db, () => {
        for (const id of ids) insert.run(id, at.getTime());
      });
    },

    async entriesFirstSeenSince(at) {
      const rows = db
        .prepare('SELECT entry_id FROM entries_seen WHERE first_seen_at > ? ORDER BY first_seen_at, entry_id')
        .all(at.getTime()) as { entry_id: string }[];
      return rows.map((row) => row.entry_id);
    },
  };
}
