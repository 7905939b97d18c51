/**
 * Featured-post claims and their outcomes in PostgreSQL. The once-per-period claim is one
 * `INSERT … ON CONFLICT DO NOTHING RETURNING`: the primary key lets exactly one row in.
 */
import type pg from 'pg';
import { latestOf } from '../derived.js';
import { postFromRow } from '../rows.js';
import type { PostRow } from '../rows.js';
import type { FeaturedPostStore } from '../types.js';
import { selectRows } from './query.js';
import { FEATURED_CLAIMS } from '../claim-takeover.js';
import { postgresTakeOver } from './claim-takeover.js';

export function postgresFeaturedPosts(pool: pg.Pool): FeaturedPostStore {
  const getPost: FeaturedPostStore['getPost'] = async (guildId, periodKey) => {
    const [row] = await selectRows<PostRow>(
      pool,
      'SELECT * FROM featured_posts WHERE guild_id = $1 AND period_key = $2',
      [guildId, periodKey],
    );
    return row ? postFromRow(row) : undefined;
  };

  const recentPosts: FeaturedPostStore['recentPosts'] = async (guildId, limit) => {
    const rows = await selectRows<PostRow>(
      pool,
      'SELECT * FROM featured_posts WHERE guild_id = $1 ORDER BY period_key DESC LIMIT $2',
      [guildId, limit],
    );
    return rows.map(postFromRow);
  };

  return {
    async claimPost(claim) {
      // The insert alone decides the winner: the primary key lets exactly one row in.
      const inserted = await pool.query(
        `INSERT INTO featured_posts (guild_id, period_key, channel_id, entry_id, cycle, claimed_at, claimant)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (guild_id, period_key) DO NOTHING RETURNING period_key`,
        [
          claim.guildId,
          claim.periodKey,
          claim.channelId,
          claim.entryId,
          claim.cycle,
          claim.claimedAt,
          claim.claimant,
        ],
      );
      if (inserted.rowCount === 1) return { won: true };
      // A separate statement, so its snapshot includes the winner that committed during our insert.
      const existing = await getPost(claim.guildId, claim.periodKey);
      if (!existing) throw new Error('claim conflict without an existing post row');
      return { won: false, existing };
    },

    takeOverClaim: postgresTakeOver(pool, FEATURED_CLAIMS),

    async recordPostSent(guildId, periodKey, messageId, sentAt) {
      await pool.query(
        `UPDATE featured_posts SET message_id = $1, sent_at = $2, failed_reason = NULL, failed_at = NULL
         WHERE guild_id = $3 AND period_key = $4`,
        [messageId, sentAt, guildId, periodKey],
      );
    },

    async recordPostFailed(guildId, periodKey, reason, at = new Date()) {
      await pool.query(
        `UPDATE featured_posts SET failed_reason = $1, failed_at = $2
         WHERE guild_id = $3 AND period_key = $4 AND message_id IS NULL`,
        [reason, at, guildId, periodKey],
      );
    },

    getPost,
    recentPosts,
    latestPost: latestOf(recentPosts),

    async unsentClaims() {
      const rows = await selectRows<PostRow>(
        pool,
        `SELECT * FROM featured_posts WHERE message_id IS NULL AND failed_reason IS NULL
         ORDER BY guild_id, period_key`,
      );
      return rows.map(postFromRow);
    },

    async featuredInCycle(guildId) {
      // One statement, one snapshot: the cycle and its entries are read consistently.
      const rows = await selectRows<{ cycle: number; entry_id: string | null }>(
        pool,
        `WITH latest AS (SELECT coalesce(max(cycle), 1) AS cycle FROM featured_posts WHERE guild_id = $1)
         SELECT latest.cycle, post.entry_id FROM latest
         LEFT JOIN featured_posts post
           ON post.guild_id = $1 AND post.cycle = latest.cycle AND post.failed_reason IS NULL`,
        [guildId],
      );
      const entryIds = new Set(rows.flatMap((row) => (row.entry_id === null ? [] : [row.entry_id])));
      return { cycle: rows[0]?.cycle ?? 1, entryIds };
    },
  };
}
