/**
 * SQLite migrations, numbered and append-only: add `NNN_<name>.ts` exporting `sql` and list it here;
 * never edit a shipped one. A database's `user_version` is the number of migrations applied to it.
 */
import type { Migration } from '../migration.js';
import { sql as init } from './001_init.js';
import { sql as processRegistry } from './002_process_registry.js';

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'init', sql: init },
  { version: 2, name: 'process_registry', sql: processRegistry },
];
