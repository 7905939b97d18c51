import type Database from 'better-sqlite3';

/** Every write runs in an IMMEDIATE transaction so concurrent processes serialise on the write lock. */
export function writeImmediate<T>(db: Database.Database, work: () => T): T {
  return db.transaction(work).immediate();
}
