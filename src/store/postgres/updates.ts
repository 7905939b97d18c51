/** The updates tables on PostgreSQL: the claim is one INSERT … ON CONFLICT DO NOTHING. */
import type pg from 'pg';
import { selectRows } from './query.js';
import { DIGEST_CLAIMS } from '../claim-takeover.js';
import { postgresTakeOver } from './claim-takeover.js';
import { digestFromRow, updatesFromRow, type DigestRow, type UpdatesSettingsRow } from '../updates-rows.js';
import type { DigestClaimResult, ListedEntry, UpdatesStore } from '../updates-types.js';

export function postgresUpdates(pool: pg.Pool): UpdatesStore {
  const rows = <Row extends pg.QueryResultRow>(text: string, values?: unknown[]) =>
    selectRows<Row>(pool, text, values);
  return {
    async getUpdates(guildId) {
      const [row] = await rows<UpdatesSettingsRow>('SELECT * FROM updates_settings WHERE guild_id = $1', [
        guildId,
      ]);
      return row ? updatesFromRow(row) : undefined;
    },
    async saveUpdates(s) {
      await pool.query(
        `INSERT INTO updates_settings (guild_id, channel_id, category, role_id, thread, enabled, paused_reason, paused_at, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL, $7, $8)
         ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id, category = excluded.category,
           role_id = excluded.role_id, thread = excluded.thread, enabled = excluded.enabled,
           paused_reason = NULL, paused_at = NULL, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        [
          s.guildId,
          s.channelId,
          s.category ?? null,
          s.roleId ?? null,
          s.thread,
          s.enabled,
          s.updatedAt,
          s.updatedBy ?? null,
        ],
      );
    },
    async pauseUpdates(guildId, reason, at = new Date()) {
      await pool.query('UPDATE updates_settings SET paused_reason = $1, paused_at = $2 WHERE guild_id = $3', [
        reason,
        at,
        guildId,
      ]);
    },
    async disableUpdates(guildId, at = new Date()) {
      await pool.query('UPDATE updates_settings SET enabled = false, updated_at = $1 WHERE guild_id = $2', [
        at,
        guildId,
      ]);
    },
    async listActiveUpdates() {
      const found = await rows<UpdatesSettingsRow>(
        'SELECT * FROM updates_settings WHERE enabled AND paused_reason IS NULL ORDER BY guild_id',
      );
      return found.map(updatesFromRow);
    },
    async claimDigest(claim): Promise<DigestClaimResult> {
      const inserted = await pool.query(
        `INSERT INTO updates_digests (guild_id, digest_key, channel_id, added, removed, claimed_at, claimant)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (guild_id, digest_key) DO NOTHING`,
        [
          claim.guildId,
          claim.digestKey,
          claim.channelId,
          JSON.stringify(claim.added),
          JSON.stringify(claim.removed),
          claim.claimedAt,
          claim.claimant,
        ],
      );
      if ((inserted.rowCount ?? 0) > 0) return { won: true };
      const [existing] = await rows<DigestRow>(
        'SELECT * FROM updates_digests WHERE guild_id = $1 AND digest_key = $2',
        [claim.guildId, claim.digestKey],
      );
      if (!existing) throw new Error('digest claim vanished');
      return { won: false, existing: digestFromRow(existing) };
    },
    takeOverDigest: postgresTakeOver(pool, DIGEST_CLAIMS),
    async recordDigestSent(guildId, digestKey, messageIds, sentAt) {
      await pool.query(
        'UPDATE updates_digests SET message_ids = $1, sent_at = $2 WHERE guild_id = $3 AND digest_key = $4',
        [JSON.stringify(messageIds), sentAt, guildId, digestKey],
      );
    },
    async recordDigestFailed(guildId, digestKey, reason, at = new Date()) {
      await pool.query(
        'UPDATE updates_digests SET failed_reason = $1, failed_at = $2 WHERE guild_id = $3 AND digest_key = $4',
        [reason, at, guildId, digestKey],
      );
    },
    async recentDigests(guildId, limit) {
      const found = await rows<DigestRow>(
        'SELECT * FROM updates_digests WHERE guild_id = $1 ORDER BY claimed_at DESC, digest_key DESC LIMIT $2',
        [guildId, limit],
      );
      return found.map(digestFromRow);
    },
    async unsentDigests() {
      const found = await rows<DigestRow>(
        'SELECT * FROM updates_digests WHERE sent_at IS NULL AND failed_at IS NULL ORDER BY claimed_at',
      );
      return found.map(digestFromRow);
    },
    async getAnnouncedList(guildId) {
      const [row] = await rows<{ entries: string; announced_at: Date }>(
        'SELECT * FROM updates_announced WHERE guild_id = $1',
        [guildId],
      );
      return row ? { entries: JSON.parse(row.entries) as ListedEntry[], at: row.announced_at } : undefined;
    },
    async saveAnnouncedList(guildId, list) {
      await pool.query(
        `INSERT INTO updates_announced (guild_id, entries, announced_at) VALUES ($1, $2, $3)
         ON CONFLICT (guild_id) DO UPDATE SET entries = excluded.entries, announced_at = excluded.announced_at`,
        [guildId, JSON.stringify(list.entries), list.at],
      );
    },
  };
}
