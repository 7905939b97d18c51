export { StoreOpenError } from './errors.js';
export { MIGRATIONS, openSqliteStore, SQLITE_FILE_NAME } from './sqlite.js';
export type * from './types.js';
export { openPostgresStore } from './postgres.js';
export { openStore } from './open.js';
