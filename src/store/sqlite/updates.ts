/** The updates tables on SQLite; every write in an IMMEDIATE transaction, like the rest of the store. */
import type Database from 'better-sqlite3';
import { writeImmediate } from './write.js';
import { DIGEST_CLAIMS } from '../claim-takeover.js';
import { sqliteTakeOver } from './claim-takeover.js';
import { digestFromRow, updatesFromRow, type DigestRow, type UpdatesSettingsRow } from '../updates-rows.js';
import type {
  AnnouncedList,
  DigestClaim,
  DigestClaimResult,
  DigestRecord,
  ListedEntry,
  UpdatesSettings,
  UpdatesSettingsInput,
  UpdatesStore,
} from '../updates-types.js';

export function sqliteUpdates(db: Database.Database): UpdatesStore {
  const write = <T>(work: () => T): T => writeImmediate(db, work);
  const digest = (guildId: string, key: string) =>
    db.prepare('SELECT * FROM updates_digests WHERE guild_id = ? AND digest_key = ?').get(guildId, key) as
      DigestRow | undefined;
  return {
    async getUpdates(guildId): Promise<UpdatesSettings | undefined> {
      const row = db.prepare('SELECT * FROM updates_settings WHERE guild_id = ?').get(guildId) as
        UpdatesSettingsRow | undefined;
      return row ? updatesFromRow(row) : undefined;
    },
    async saveUpdates(s: UpdatesSettingsInput) {
      write(() =>
        db
          .prepare(
            `INSERT INTO updates_settings (guild_id, channel_id, category, role_id, thread, enabled, paused_reason, paused_at, updated_at, updated_by)
             VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)
             ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id, category = excluded.category,
               role_id = excluded.role_id, thread = excluded.thread, enabled = excluded.enabled,
               paused_reason = NULL, paused_at = NULL, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
          )
          .run(
            s.guildId,
            s.channelId,
            s.category ?? null,
            s.roleId ?? null,
            s.thread ? 1 : 0,
            s.enabled ? 1 : 0,
            s.updatedAt.getTime(),
            s.updatedBy ?? null,
          ),
      );
    },
    async pauseUpdates(guildId, reason, at = new Date()) {
      write(() =>
        db
          .prepare('UPDATE updates_settings SET paused_reason = ?, paused_at = ? WHERE guild_id = ?')
          .run(reason, at.getTime(), guildId),
      );
    },
    async disableUpdates(guildId, at = new Date()) {
      write(() =>
        db
          .prepare('UPDATE updates_settings SET enabled = 0, updated_at = ? WHERE guild_id = ?')
          .run(at.getTime(), guildId),
      );
    },
    async listActiveUpdates() {
      const rows = db
        .prepare(
          'SELECT * FROM updates_settings WHERE enabled = 1 AND paused_reason IS NULL ORDER BY guild_id',
        )
        .all() as UpdatesSettingsRow[];
      return rows.map(updatesFromRow);
    },
    async claimDigest(claim: DigestClaim): Promise<DigestClaimResult> {
      return write(() => {
        const inserted = db
          .prepare(
            `INSERT INTO updates_digests (guild_id, digest_key, channel_id, added, removed, claimed_at, claimant)
             VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, digest_key) DO NOTHING`,
          )
          .run(
            claim.guildId,
            claim.digestKey,
            claim.channelId,
            JSON.stringify(claim.added),
            JSON.stringify(claim.removed),
            claim.claimedAt.getTime(),
            claim.claimant,
          );
        if (inserted.changes > 0) return { won: true } as const;
        const existing = digest(claim.guildId, claim.digestKey);
        if (!existing) throw new Error('digest claim vanished');
        return { won: false, existing: digestFromRow(existing) } as const;
      });
    },
    takeOverDigest: sqliteTakeOver(db, DIGEST_CLAIMS),
    async recordDigestSent(guildId, digestKey, messageIds, sentAt) {
      write(() =>
        db
          .prepare(
            'UPDATE updates_digests SET message_ids = ?, sent_at = ? WHERE guild_id = ? AND digest_key = ?',
          )
          .run(JSON.stringify(messageIds), sentAt.getTime(), guildId, digestKey),
      );
    },
    async recordDigestFailed(guildId, digestKey, reason, at = new Date()) {
      write(() =>
        db
          .prepare(
            'UPDATE updates_digests SET failed_reason = ?, failed_at = ? WHERE guild_id = ? AND digest_key = ?',
          )
          .run(reason, at.getTime(), guildId, digestKey),
      );
    },
    async recentDigests(guildId, limit): Promise<DigestRecord[]> {
      const rows = db
        .prepare(
          'SELECT * FROM updates_digests WHERE guild_id = ? ORDER BY claimed_at DESC, digest_key DESC LIMIT ?',
        )
        .all(guildId, limit) as DigestRow[];
      return rows.map(digestFromRow);
    },
    async unsentDigests() {
      const rows = db
        .prepare(
          'SELECT * FROM updates_digests WHERE sent_at IS NULL AND failed_at IS NULL ORDER BY claimed_at',
        )
        .all() as DigestRow[];
      return rows.map(digestFromRow);
    },
    async getAnnouncedList(guildId): Promise<AnnouncedList | undefined> {
      const row = db.prepare('SELECT * FROM updates_announced WHERE guild_id = ?').get(guildId) as
        { entries: string; announced_at: number } | undefined;
      return row
        ? { entries: JSON.parse(row.entries) as ListedEntry[], at: new Date(row.announced_at) }
        : undefined;
    },
    async saveAnnouncedList(guildId, list) {
      write(() =>
        db
          .prepare(
            `INSERT INTO updates_announced (guild_id, entries, announced_at) VALUES (?, ?, ?)
             ON CONFLICT (guild_id) DO UPDATE SET entries = excluded.entries, announced_at = excluded.announced_at`,
          )
          .run(guildId, JSON.stringify(list.entries), list.at.getTime()),
      );
    },
  };
}
