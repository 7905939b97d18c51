/** Each guild's featured-post settings in PostgreSQL. */
import type pg from 'pg';
import { settingsFromRow } from '../rows.js';
import type { SettingsRow } from '../rows.js';
import type { FeaturedSettingsStore } from '../types.js';
import { selectRows } from './query.js';

export function postgresFeaturedSettings(pool: pg.Pool): FeaturedSettingsStore {
  return {
    async getFeatured(guildId) {
      const [row] = await selectRows<SettingsRow>(
        pool,
        'SELECT * FROM featured_settings WHERE guild_id = $1',
        [guildId],
      );
      return row ? settingsFromRow(row) : undefined;
    },

    async saveFeatured(settings) {
      await pool.query(
        `INSERT INTO featured_settings (guild_id, channel_id, schedule, timezone, enabled, paused_reason, paused_at, updated_at, updated_by, thread)
         VALUES ($1, $2, $3, $4, $5, NULL, NULL, $6, $7, $8)
         ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id, schedule = excluded.schedule,
           timezone = excluded.timezone, enabled = excluded.enabled, paused_reason = NULL, paused_at = NULL,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by, thread = excluded.thread`,
        [
          settings.guildId,
          settings.channelId,
          settings.schedule,
          settings.timezone,
          settings.enabled,
          settings.updatedAt,
          settings.updatedBy ?? null,
          settings.thread === true,
        ],
      );
    },

    async pauseFeatured(guildId, reason, at = new Date()) {
      await pool.query(
        'UPDATE featured_settings SET paused_reason = $1, paused_at = $2 WHERE guild_id = $3',
        [reason, at, guildId],
      );
    },

    async resumeFeatured(guildId, at = new Date()) {
      const result = await pool.query(
        'UPDATE featured_settings SET paused_reason = NULL, paused_at = NULL, enabled = true, updated_at = $1 WHERE guild_id = $2',
        [at, guildId],
      );
      return (result.rowCount ?? 0) > 0;
    },

    async disableFeatured(guildId, at = new Date()) {
      await pool.query('UPDATE featured_settings SET enabled = false, updated_at = $1 WHERE guild_id = $2', [
        at,
        guildId,
      ]);
    },

    async listActiveFeatured() {
      const rows = await selectRows<SettingsRow>(
        pool,
        'SELECT * FROM featured_settings WHERE enabled AND paused_reason IS NULL ORDER BY guild_id',
      );
      return rows.map(settingsFromRow);
    },
  };
}
