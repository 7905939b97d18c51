/** Brings a SQLite database up to date; its `user_version` is the number of migrations applied. */
import type Database from 'better-sqlite3';
import { pendingMigrations } from './migration.js';
import { SQLITE_MIGRATIONS } from './sqlite/index.js';

export function applySqliteMigrations(db: Database.Database): void {
  const migrate = db.transaction(() => {
    // Re-read inside the (immediate) transaction: another process may have migrated meanwhile.
    const current = db.pragma('user_version', { simple: true }) as number;
    for (const migration of pendingMigrations(SQLITE_MIGRATIONS, current)) {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
  });
  migrate.immediate();
}
