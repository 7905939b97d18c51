/** What both backends' migration lists are made of, and the one rule for picking what to run. */

/** One schema step. `version` counts from 1 and is the step's place in its list. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The migrations a database at schema version `current` still needs, oldest first. Throws when the
 * database was migrated by a newer dsp: this one does not know that schema and must not touch it.
 */
export function pendingMigrations(migrations: readonly Migration[], current: number): readonly Migration[] {
  const latest = migrations.length;
  if (current > latest) {
    throw new Error(`schema version ${current} is newer than this dsp (${latest}); upgrade dsp`);
  }
  return migrations.slice(current);
}
