/**
 * PostgreSQL migrations, numbered and append-only: add `NNN_<name>.ts` exporting `sql` and list it
 * here; never edit a shipped one. They are TypeScript string modules rather than .sql files so that
 * `tsc` compiles them into dist/ and the Docker image (which copies only dist/) finds them.
 * Keep the schema in step with ../sqlite/ (same tables, columns and indexes): the store contract
 * tests compare both against one list.
 */
import type { Migration } from '../migration.js';
import { sql as init } from './001_init.js';
import { sql as processRegistry } from './002_process_registry.js';
import { sql as metadata } from './003_metadata.js';
import { sql as rateLimits } from './004_rate_limits.js';
import { sql as updates } from './005_updates.js';
import { sql as featuredThread } from './006_featured_thread.js';

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'init', sql: init },
  { version: 2, name: 'process_registry', sql: processRegistry },
  { version: 3, name: 'metadata', sql: metadata },
  { version: 4, name: 'rate_limits', sql: rateLimits },
  { version: 5, name: 'updates', sql: updates },
  { version: 6, name: 'featured_thread', sql: featuredThread },
];
