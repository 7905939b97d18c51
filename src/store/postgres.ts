/**
 * The Store on PostgreSQL, for several bot processes on several hosts sharing one database.
 * Every write is a single statement (autocommit), so there is no multi-statement transaction to
 * lose half-way. This file connects and migrates; postgres/ holds the SQL, one module per part of the
 * contract.
 */
import pg from 'pg';
import { openFailure } from './errors.js';
import { applyPostgresMigrations } from './migrations/apply-postgres.js';
import { postgresEntrySightings } from './postgres/entries-seen.js';
import { postgresFeaturedPosts } from './postgres/featured-posts.js';
import { postgresFeaturedSettings } from './postgres/featured-settings.js';
import { postgresMetadata } from './postgres/metadata.js';
import { postgresRateLimits } from './postgres/rate-limits.js';
import { postgresProcessRegistry } from './postgres/processes.js';
import type { Store, StoreLogger } from './types.js';
import { postgresUpdates } from './postgres/updates.js';

export interface PostgresStoreOptions {
  logger?: StoreLogger;
  /** Pool size per process (default 5). */
  maxConnections?: number;
}

const CONNECT_TIMEOUT_MS = 5_000;
/** A query on a silently dead connection must fail (and be retried later), not hang the scheduler. */
const QUERY_TIMEOUT_MS = 30_000;

const OPEN_FAILURE_WORDING = {
  kind: 'PostgreSQL database',
  advice: 'Check DATABASE_URL, that the server is reachable and that the user may create tables.',
};

/** The URL without its password, for messages and logs. */
export function describeDatabaseUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    url.password = '';
    url.search = '';
    return url.toString();
  } catch {
    return 'DATABASE_URL (unparseable)';
  }
}

/**
 * Connects, migrates (once across processes starting together) and returns the store. Throws
 * StoreOpenError naming the database (never its password) when it is unreachable or too new.
 */
export async function openPostgresStore(
  databaseUrl: string,
  options: PostgresStoreOptions = {},
): Promise<Store> {
  const where = describeDatabaseUrl(databaseUrl);
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.maxConnections ?? 5,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
  });
  // An idle connection dropped by the server emits here; unhandled it would crash the process.
  // The pool discards it and opens a fresh one on the next query.
  pool.on('error', (error) =>
    options.logger?.warn({ database: where, error: error.message }, 'database connection lost'),
  );
  try {
    await applyPostgresMigrations(pool, options.logger);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw openFailure(where, error, OPEN_FAILURE_WORDING);
  }
  return postgresStore(pool);
}

/** The parts of the contract, one module each (postgres/), over one pool. */
function postgresStore(pool: pg.Pool): Store {
  let closed = false;
  return {
    ...postgresFeaturedSettings(pool),
    ...postgresFeaturedPosts(pool),
    ...postgresEntrySightings(pool),
    ...postgresProcessRegistry(pool),
    ...postgresMetadata(pool),
    ...postgresRateLimits(pool),
    ...postgresUpdates(pool),

    async checkWritable() {
      await pool.query(
        `INSERT INTO health (id, checked_at) VALUES (1, now())
         ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at`,
      );
    },

    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
