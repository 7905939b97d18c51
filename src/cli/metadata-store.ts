/**
 * How the metadata commands reach the store the bot uses: the configuration, a store opened for one
 * piece of work, and the stored metadata that `search`, `show` and every `--json` add to entries.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, readEnvironment } from '../config/index.js';
import type { Config } from '../config/index.js';
import type { Entry } from '../list/types.js';
import { loadMetadataView } from '../metadata/view.js';
import type { MetadataView } from '../metadata/view.js';
import { openStore } from '../store/open.js';
import { SQLITE_FILE_NAME } from '../store/sqlite.js';
import type { Store } from '../store/types.js';
import { describeError } from '../text/describe-error.js';
import { CliError } from './load.js';

export interface MetadataIo {
  out(text: string): void;
  err(text: string): void;
  /** A status line rewritten in place on a terminal; absent when stderr is not a terminal. */
  progress?(text: string): void;
  /** The environment (default: process environment and .env). */
  env?: Record<string, string | undefined>;
  now?: () => Date;
}

export function configOrThrow(io: MetadataIo): Config {
  const loaded = loadConfig(io.env ?? readEnvironment());
  if (!loaded.ok) throw new CliError(`configuration problems:\n${loaded.problems.join('\n')}`, 2);
  return loaded.config;
}

export async function withStore<T>(config: Config, work: (store: Store) => Promise<T>): Promise<T> {
  let store: Store;
  try {
    store = await openStore(config);
  } catch (error) {
    throw new CliError(describeError(error));
  }
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/**
 * The stored metadata for `entries`, for search/show/--json: only when a store exists already
 * (no database is created by a search), and never an error — without it answers simply lack metadata.
 */
export async function readStoredMetadata(
  entries: readonly Entry[],
  io: Pick<MetadataIo, 'env' | 'now'>,
): Promise<MetadataView | undefined> {
  const loaded = loadConfig(io.env ?? readEnvironment());
  if (!loaded.ok) return undefined;
  const config = loaded.config;
  if (!config.DATABASE_URL && !existsSync(join(config.STATE_DIR, SQLITE_FILE_NAME))) return undefined;
  try {
    return await withStore(config, (store) =>
      loadMetadataView(store, entries, io.now?.() ?? new Date(), config.HEALTH_INACTIVE_AFTER),
    );
  } catch {
    return undefined;
  }
}
