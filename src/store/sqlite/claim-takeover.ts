/** The claim compare-and-swap on SQLite (see ../claim-takeover.ts). */
import type Database from 'better-sqlite3';
import { takeOverSql, type ClaimTable, type TakeOverClaim } from '../claim-takeover.js';
import { writeImmediate } from './write.js';

export function sqliteTakeOver(db: Database.Database, claims: ClaimTable): TakeOverClaim {
  const sql = takeOverSql(claims, () => '?');
  return async (guildId, key, expectedClaimant, claimant, at) => {
    const result = writeImmediate(db, () =>
      db.prepare(sql).run(claimant, at.getTime(), guildId, key, expectedClaimant),
    );
    return result.changes === 1;
  };
}
