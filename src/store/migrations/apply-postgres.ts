/**
 * Brings a PostgreSQL database up to date, once across processes starting together: migrations run
 * under an advisory lock, each in its own transaction, and are recorded in `schema_migrations`.
 */
import type pg from 'pg';
import type { StoreLogger } from '../types.js';
import type { Migration } from './migration.js';
import { pendingMigrations } from './migration.js';
import { POSTGRES_MIGRATIONS } from './postgres/index.js';

/** Arbitrary constant shared by every dsp process: holders of this advisory lock run migrations. */
export const MIGRATION_LOCK_KEY = 7_315_020_241;

export async function applyPostgresMigrations(pool: pg.Pool, logger: StoreLogger | undefined): Promise<void> {
  // One dedicated connection: session advisory locks belong to the connection that took them.
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const current = await currentSchemaVersion(client);
      for (const migration of pendingMigrations(POSTGRES_MIGRATIONS, current)) {
        await applyMigration(client, migration);
        logger?.info({ version: migration.version, name: migration.name }, 'database migration applied');
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    // Discard rather than reuse: the connection can never go back to the pool still holding the lock.
    client.release(true);
  }
}

async function currentSchemaVersion(client: pg.PoolClient): Promise<number> {
  const result = await client.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM schema_migrations',
  );
  return result.rows[0]?.version ?? 0;
}

async function applyMigration(client: pg.PoolClient, migration: Migration): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(migration.sql);
    await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
      migration.version,
      migration.name,
    ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
