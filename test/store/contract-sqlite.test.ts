import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore, SQLITE_FILE_NAME } from '../../src/store/sqlite.js';
import { describeStoreContract } from './contract.js';
import type { SchemaShape } from './schema.js';

/** The schema of the dsp database in `stateDir`: tables and the indexes SQLite did not make itself. */
function sqliteSchema(stateDir: string): SchemaShape {
  const db = new Database(join(stateDir, SQLITE_FILE_NAME), { readonly: true });
  try {
    const names = (sql: string) => (db.prepare(sql).all() as { name: string }[]).map((row) => row.name);
    const tables = names("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    const columns = (table: string) =>
      (db.pragma(`table_info(${table})`) as { name: string; cid: number }[]).map((column) => column.name);
    return {
      tables: Object.fromEntries(tables.map((table) => [table, columns(table)])),
      // Indexes SQLite creates for primary keys have no SQL of their own.
      indexes: names("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"),
    };
  } finally {
    db.close();
  }
}

describeStoreContract(
  'SQLite',
  async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'dsp-store-contract-'));
    return {
      open: async () => openSqliteStore(stateDir),
      dispose: async () => rmSync(stateDir, { recursive: true, force: true }),
      location: stateDir,
      schema: async () => sqliteSchema(stateDir),
    };
  },
  { crossProcessClaims: 3000 },
);
