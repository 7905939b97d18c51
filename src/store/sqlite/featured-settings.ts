/** Each guild's featured-post settings in SQLite (flags as 0 or 1, times as epoch milliseconds). */
import type Database from 'better-sqlite3';
import { settingsFromRow } from '../rows.js';
import type { SettingsRow } from '../rows.js';
import type { FeaturedSettingsStore } from '../types.js';
import { writeImmediate } from './write.js';

export function sqliteFeaturedSettings(db: Database.Database): FeaturedSettingsStore {
  return {
    async getFeatured(guildId) {
      const row = db.prepare('SELECT * FROM featured_settings WHERE guild_id = ?').get(guildId) as
        SettingsRow | undefined;
      return row ? settingsFromRow(row) : undefined;
    },

    async saveFeatured(settings) {
      writeImmediate(db, () =>
        db
          .prepare(
            `INSERT INTO featured_settings (guild_id, channel_id, schedule, timezone, enabled, paused_reason, paused_at, updated_at, updated_by, thread)
             VALUES (@guildId, @channelId, @schedule, @timezone, @enabled, NULL, NULL, @updatedAt, @updatedBy, @thread)
             ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id, schedule = excluded.schedule,
               timezone = excluded.timezone, enabled = excluded.enabled, paused_reason = NULL, paused_at = NULL,
               updated_at = excluded.updated_at, updated_by = excluded.updated_by, thread = excluded.thread`,
          )
          .run({
            guildId: settings.guildId,
            channelId: settings.channelId,
            schedule: settings.schedule,
            timezone: settings.timezone,
            enabled: settings.enabled ? 1 : 0,
            updatedAt: settings.updatedAt.getTime(),
            updatedBy: settings.updatedBy ?? null,
            thread: settings.thread === true ? 1 : 0,
          }),
      );
    },

    async pauseFeatured(guildId, reason, at = new Date()) {
      writeImmediate(db, () =>
        db
          .prepare('UPDATE featured_settings SET paused_reason = ?, paused_at = ? WHERE guild_id = ?')
          .run(reason, at.getTime(), guildId),
      );
    },

    async resumeFeatured(guildId, at = new Date()) {
      const result = writeImmediate(db, () =>
        db
          .prepare(
            'UPDATE featured_settings SET paused_reason = NULL, paused_at = NULL, enabled = 1, updated_at = ? WHERE guild_id = ?',
          )
          .run(at.getTime(), guildId),
      );
      return result.changes > 0;
    },

    async disableFeatured(guildId, at = new Date()) {
      writeImmediate(db, () =>
        db
          .prepare('UPDATE featured_settings SET enabled = 0, updated_at = ? WHERE guild_id = ?')
          .run(at.getTime(), guildId),
      );
    },

    async listActiveFeatured() {
      const rows = db
        .prepare(
          'SELECT * FROM featured_settings WHERE enabled = 1 AND paused_reason IS NULL ORDER BY guild_id',
        )
        .all() as SettingsRow[];
      return rows.map(settingsFromRow);
    },
  };
}
