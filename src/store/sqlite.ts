/**
 * The Store on SQLite, for one host: a file in the state directory. Every write runs in an IMMEDIATE
 * transaction, so processes sharing the file serialise on its write lock. This file opens, checks and
 * migrates the file; sqlite/ holds the SQL, one module per part of the contract.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openFailure } from './errors.js';
import { applySqliteMigrations } from './migrations/apply-sqlite.js';
import { sqliteEntrySightings } from './sqlite/entries-seen.js';
import { sqliteFeaturedPosts } from './sqlite/featured-posts.js';
import { sqliteFeaturedSettings } from './sqlite/featured-settings.js';
import { sqliteMetadata } from './sqlite/metadata.js';
import { sqliteRateLimits } from './sqlite/rate-limits.js';
import { sqliteProcessRegistry } from './sqlite/processes.js';
import { writeImmediate } from './sqlite/write.js';
import type { Store } from './types.js';
import { sqliteUpdates } from './sqlite/updates.js';

export const SQLITE_FILE_NAME = 'dsp.sqlite';
const BUSY_TIMEOUT_MS = 5000;

const OPEN_FAILURE_WORDING = {
  kind: 'database',
  advice:
    'The file was left untouched. Check its permissions and that it is a dsp SQLite database; ' +
    'if it is corrupt, restore it from a backup or move it aside (dsp then starts with empty settings).',
};

/** Read-only integrity check (fast for dsp's small database); fails on damaged pages. */
function assertIntact(db: Database.Database): void {
  const problems = (db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[])
    .map((row) => row.quick_check)
    .filter((message) => message !== 'ok');
  if (problems.length > 0) throw new Error(`integrity check failed: ${problems.join('; ')}`);
}

/** Opens (creating if missing) `<stateDir>/dsp.sqlite`. Throws StoreOpenError, never replaces the file. */
export function openSqliteStore(stateDir: string): Store {
  mkdirSync(stateDir, { recursive: true });
  const file = join(stateDir, SQLITE_FILE_NAME);
  let db: Database.Database | undefined;
  try {
    db = new Database(file);
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Reading the schema first fails cleanly on a non-database file before anything is written.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    assertIntact(db);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    applySqliteMigrations(db);
  } catch (error) {
    db?.close();
    throw openFailure(file, error, OPEN_FAILURE_WORDING);
  }
  return sqliteStore(db);
}

/** The parts of the contract, one module each (sqlite/), over one connection. */
function sqliteStore(db: Database.Database): Store {
  return {
    ...sqliteFeaturedSettings(db),
    ...sqliteFeaturedPosts(db),
    ...sqliteEntrySightings(db),
    ...sqliteProcessRegistry(db),
    ...sqliteMetadata(db),
    ...sqliteRateLimits(db),
    ...sqliteUpdates(db),

    async checkWritable() {
      writeImmediate(db, () =>
        db
          .prepare(
            'INSERT INTO health (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at',
          )
          .run(Date.now()),
      );
    },

    async close() {
      if (db.open) db.close();
    },
  };
}
