/**
 * Featured-post claims and their outcomes in SQLite. The claim's insert and the read of a rival's row
 * run in one IMMEDIATE transaction, so the loser always sees the winner's row.
 */
import type Database from 'better-sqlite3';
import { latestOf } from '../derived.js';
import { postFromRow } from '../rows.js';
import type { PostRow } from '../rows.js';
import type { CycleState, FeaturedPostStore } from '../types.js';
import { writeImmediate } from './write.js';
import { FEATURED_CLAIMS } from '../claim-takeover.js';
import { sqliteTakeOver } from './claim-takeover.js';

export function sqliteFeaturedPosts(db: Database.Database): FeaturedPostStore {
  const postRow = (guildId: string, periodKey: string): PostRow | undefined =>
    db
      .prepare('SELECT * FROM featured_posts WHERE guild_id = ? AND period_key = ?')
      .get(guildId, periodKey) as PostRow | undefined;

  const recentPosts: FeaturedPostStore['recentPosts'] = async (guildId, limit) => {
    const rows = db
      .prepare('SELECT * FROM featured_posts WHERE guild_id = ? ORDER BY period_key DESC LIMIT ?')
      .all(guildId, limit) as PostRow[];
    return rows.map(postFromRow);
  };

  return {
    async claimPost(claim) {
      return writeImmediate(db, () => {
        const inserted = db
          .prepare(
            `INSERT INTO featured_posts (guild_id, period_key, channel_id, entry_id, cycle, claimed_at, claimant)
             VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, period_key) DO NOTHING`,
          )
          .run(
            claim.guildId,
            claim.periodKey,
            claim.channelId,
            claim.entryId,
            claim.cycle,
            claim.claimedAt.getTime(),
            claim.claimant,
          );
        if (inserted.changes === 1) return { won: true };
        const existing = postRow(claim.guildId, claim.periodKey);
        if (!existing) throw new Error('claim conflict without an existing post row');
        return { won: false, existing: postFromRow(existing) };
      });
    },

    takeOverClaim: sqliteTakeOver(db, FEATURED_CLAIMS),

    async recordPostSent(guildId, periodKey, messageId, sentAt) {
      writeImmediate(db, () =>
        db
          .prepare(
            'UPDATE featured_posts SET message_id = ?, sent_at = ?, failed_reason = NULL, failed_at = NULL WHERE guild_id = ? AND period_key = ?',
          )
          .run(messageId, sentAt.getTime(), guildId, periodKey),
      );
    },

    async recordPostFailed(guildId, periodKey, reason, at = new Date()) {
      writeImmediate(db, () =>
        db
          .prepare(
            'UPDATE featured_posts SET failed_reason = ?, failed_at = ? WHERE guild_id = ? AND period_key = ? AND message_id IS NULL',
          )
          .run(reason, at.getTime(), guildId, periodKey),
      );
    },

    async getPost(guildId, periodKey) {
      const row = postRow(guildId, periodKey);
      return row ? postFromRow(row) : undefined;
    },

    recentPosts,
    latestPost: latestOf(recentPosts),

    async unsentClaims() {
      const rows = db
        .prepare(
          'SELECT * FROM featured_posts WHERE message_id IS NULL AND failed_reason IS NULL ORDER BY guild_id, period_key',
        )
        .all() as PostRow[];
      return rows.map(postFromRow);
    },

    async featuredInCycle(guildId) {
      const read = db.transaction((): CycleState => {
        const latest = db
          .prepare('SELECT max(cycle) AS cycle FROM featured_posts WHERE guild_id = ?')
          .get(guildId) as { cycle: number | null };
        const cycle = latest.cycle ?? 1;
        const rows = db
          .prepare(
            'SELECT entry_id FROM featured_posts WHERE guild_id = ? AND cycle = ? AND failed_reason IS NULL',
          )
          .all(guildId, cycle) as { entry_id: string }[];
        return { cycle, entryIds: new Set(rows.map((row) => row.entry_id)) };
      });
      return read();
    },
  };
}
