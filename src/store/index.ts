export { StoreOpenError } from './errors.js';
export { SQLITE_MIGRATIONS } from './migrations/sqlite/index.js';
export { openSqliteStore, SQLITE_FILE_NAME } from './sqlite.js';
export type * from './types.js';
export { openPostgresStore } from './postgres.js';
export { openStore } from './open.js';
