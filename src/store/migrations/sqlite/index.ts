/**
 * SQLite migrations, numbered and append-only: add `NNN_<name>.ts` exporting `sql` and list it here;
 * never edit a shipped one. A database's `user_version` is the number of migrations applied to it.
 * Keep the schema in step with ../postgres/ (same tables, columns and indexes): the store contract
 * tests compare both against one list.
 */
import type { Migration } from '../migration.js';
import { sql as init } from './001_init.js';
import { sql as processRegistry } from './002_process_registry.js';
import { sql as cycleAndHeartbeatIndexes } from './003_cycle_and_heartbeat_indexes.js';
import { sql as metadata } from './004_metadata.js';
import { sql as rateLimits } from './005_rate_limits.js';
import { sql as updates } from './006_updates.js';
import { sql as featuredThread } from './007_featured_thread.js';

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'init', sql: init },
  { version: 2, name: 'process_registry', sql: processRegistry },
  { version: 3, name: 'cycle_and_heartbeat_indexes', sql: cycleAndHeartbeatIndexes },
  { version: 4, name: 'metadata', sql: metadata },
  { version: 5, name: 'rate_limits', sql: rateLimits },
  { version: 6, name: 'updates', sql: updates },
  { version: 7, name: 'featured_thread', sql: featuredThread },
];
