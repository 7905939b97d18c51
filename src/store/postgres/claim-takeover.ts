/** The claim compare-and-swap on PostgreSQL (see ../claim-takeover.ts). */
import type pg from 'pg';
import { takeOverSql, type ClaimTable, type TakeOverClaim } from '../claim-takeover.js';

export function postgresTakeOver(pool: pg.Pool, claims: ClaimTable): TakeOverClaim {
  const sql = takeOverSql(claims, (index) => `$${index}`);
  return async (guildId, key, expectedClaimant, claimant, at) => {
    const result = await pool.query(sql, [claimant, at, guildId, key, expectedClaimant]);
    return result.rowCount === 1;
  };
}
