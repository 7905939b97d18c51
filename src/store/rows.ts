/**
 * Rows as both backends return them, and their mapping to the Store types. The backends differ only
 * in how they store a time (PostgreSQL `timestamptz` comes back as a Date, SQLite keeps epoch
 * milliseconds) and a flag (PostgreSQL `boolean`, SQLite 0 or 1); NULL columns become absent fields.
 */
import type { FeaturedSettings, PostRecord } from './types.js';

export type StoredTime = Date | number;
export type StoredFlag = boolean | number;

export interface SettingsRow {
  guild_id: string;
  channel_id: string;
  schedule: string;
  timezone: string;
  enabled: StoredFlag;
  paused_reason: string | null;
  paused_at: StoredTime | null;
  updated_at: StoredTime;
  updated_by: string | null;
}

export interface PostRow {
  guild_id: string;
  period_key: string;
  channel_id: string;
  entry_id: string;
  cycle: number;
  claimed_at: StoredTime;
  claimant: string;
  message_id: string | null;
  sent_at: StoredTime | null;
  failed_reason: string | null;
  failed_at: StoredTime | null;
}

function toDate(time: StoredTime): Date {
  return time instanceof Date ? time : new Date(time);
}

export function settingsFromRow(row: SettingsRow): FeaturedSettings {
  const settings: FeaturedSettings = {
    guildId: row.guild_id,
    channelId: row.channel_id,
    schedule: row.schedule,
    timezone: row.timezone,
    enabled: row.enabled === true || row.enabled === 1,
    updatedAt: toDate(row.updated_at),
  };
  if (row.paused_reason !== null) settings.pausedReason = row.paused_reason;
  if (row.paused_at !== null) settings.pausedAt = toDate(row.paused_at);
  if (row.updated_by !== null) settings.updatedBy = row.updated_by;
  return settings;
}

export function postFromRow(row: PostRow): PostRecord {
  const post: PostRecord = {
    guildId: row.guild_id,
    periodKey: row.period_key,
    channelId: row.channel_id,
    entryId: row.entry_id,
    cycle: row.cycle,
    claimedAt: toDate(row.claimed_at),
    claimant: row.claimant,
  };
  if (row.message_id !== null) post.messageId = row.message_id;
  if (row.sent_at !== null) post.sentAt = toDate(row.sent_at);
  if (row.failed_reason !== null) post.failedReason = row.failed_reason;
  if (row.failed_at !== null) post.failedAt = toDate(row.failed_at);
  return post;
}
