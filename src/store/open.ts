import { openPostgresStore } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import type { Store, StoreLogger } from './types.js';

export interface StoreConfig {
  /** postgres:// URL: share one PostgreSQL database between processes and hosts. */
  DATABASE_URL?: string | undefined;
  /** Where the SQLite file lives when there is no DATABASE_URL. */
  STATE_DIR: string;
}

/** PostgreSQL when DATABASE_URL is set, otherwise SQLite in STATE_DIR. Throws StoreOpenError. */
export async function openStore(config: StoreConfig, logger?: StoreLogger): Promise<Store> {
  if (config.DATABASE_URL) {
    const store = await openPostgresStore(config.DATABASE_URL, { logger });
    logger?.info({ backend: 'postgres' }, 'store opened');
    return store;
  }
  const store = openSqliteStore(config.STATE_DIR);
  logger?.info({ backend: 'sqlite', stateDir: config.STATE_DIR }, 'store opened');
  return store;
}
