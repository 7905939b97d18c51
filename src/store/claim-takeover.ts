/**
 * The claim tables' compare-and-swap, shared by featured posts and updates digests: an unsent
 * claim moves to a new claimant only while the expected one still holds it, so of two processes
 * recovering one stale claim exactly one wins (the UPDATE's row lock, or SQLite's write lock).
 */

/** Moves a guild's unsent claim from `expectedClaimant` to `claimant`; true only for the winner. */
export type TakeOverClaim = (
  guildId: string,
  key: string,
  expectedClaimant: string,
  claimant: string,
  at: Date,
) => Promise<boolean>;

/** A claim table: its key column (besides guild_id) and what "not sent, not failed" is in it. */
export interface ClaimTable {
  table: 'featured_posts' | 'updates_digests';
  keyColumn: 'period_key' | 'digest_key';
  unsent: string;
}

export const FEATURED_CLAIMS: ClaimTable = {
  table: 'featured_posts',
  keyColumn: 'period_key',
  unsent: 'message_id IS NULL AND failed_reason IS NULL',
};

export const DIGEST_CLAIMS: ClaimTable = {
  table: 'updates_digests',
  keyColumn: 'digest_key',
  unsent: 'sent_at IS NULL AND failed_at IS NULL',
};

/** The UPDATE, with placeholders `claimant, at, guild, key, expected` in that order. */
export function takeOverSql(claims: ClaimTable, placeholder: (index: number) => string): string {
  const [claimant, at, guild, key, expected] = [1, 2, 3, 4, 5].map(placeholder);
  return `UPDATE ${claims.table} SET claimant = ${claimant}, claimed_at = ${at}
    WHERE guild_id = ${guild} AND ${claims.keyColumn} = ${key} AND claimant = ${expected} AND ${claims.unsent}`;
}
