/** Rows of the updates tables ↔ records, shared by both backends (times: ms or Date; lists: JSON text). */
import type { DigestRecord, ListedEntry, UpdatesSettings } from './updates-types.js';

type Time = number | string | Date | null;

const toDate = (value: Time): Date | undefined =>
  value === null ? undefined : new Date(typeof value === 'string' ? Number(value) : value);

export interface UpdatesSettingsRow {
  guild_id: string;
  channel_id: string;
  category: string | null;
  role_id: string | null;
  thread: number | boolean;
  enabled: number | boolean;
  paused_reason: string | null;
  paused_at: Time;
  updated_at: Time;
  updated_by: string | null;
}

export interface DigestRow {
  guild_id: string;
  digest_key: string;
  channel_id: string;
  added: string;
  removed: string;
  claimed_at: Time;
  claimant: string;
  message_ids: string | null;
  sent_at: Time;
  failed_reason: string | null;
  failed_at: Time;
}

export function updatesFromRow(row: UpdatesSettingsRow): UpdatesSettings {
  const pausedAt = toDate(row.paused_at);
  return {
    guildId: row.guild_id,
    channelId: row.channel_id,
    ...(row.category === null ? {} : { category: row.category }),
    ...(row.role_id === null ? {} : { roleId: row.role_id }),
    thread: row.thread === true || row.thread === 1,
    enabled: row.enabled === true || row.enabled === 1,
    ...(row.paused_reason === null ? {} : { pausedReason: row.paused_reason }),
    ...(pausedAt ? { pausedAt } : {}),
    updatedAt: toDate(row.updated_at) ?? new Date(0),
    ...(row.updated_by === null ? {} : { updatedBy: row.updated_by }),
  };
}

export function digestFromRow(row: DigestRow): DigestRecord {
  const sentAt = toDate(row.sent_at);
  const failedAt = toDate(row.failed_at);
  return {
    guildId: row.guild_id,
    digestKey: row.digest_key,
    channelId: row.channel_id,
    added: JSON.parse(row.added) as ListedEntry[],
    removed: JSON.parse(row.removed) as ListedEntry[],
    claimedAt: toDate(row.claimed_at) ?? new Date(0),
    claimant: row.claimant,
    ...(row.message_ids === null ? {} : { messageIds: JSON.parse(row.message_ids) as string[] }),
    ...(sentAt ? { sentAt } : {}),
    ...(row.failed_reason === null ? {} : { failedReason: row.failed_reason }),
    ...(failedAt ? { failedAt } : {}),
  };
}
