/**
 * Rows as both backends return them, and their mapping to the Store types. The backends differ only
 * in how they store a time (PostgreSQL `timestamptz` comes back as a Date, SQLite keeps epoch
 * milliseconds) and a flag (PostgreSQL `boolean`, SQLite 0 or 1); NULL columns become absent fields.
 */
import type { LinkRecord, LinkStatus, RepoRecord, RepoStatus } from './metadata-records.js';
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
  thread: StoredFlag;
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

export function toDate(time: StoredTime): Date {
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
  if (row.thread === true || row.thread === 1) settings.thread = true;
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

export interface RepoRow {
  repo: string;
  status: string;
  facts: string | null;
  etag: string | null;
  status_since: StoredTime;
  checked_at: StoredTime;
  failures: number;
  last_error: string | null;
}

export interface LinkRow {
  url: string;
  status: string;
  http_status: number | null;
  location: string | null;
  status_since: StoredTime;
  checked_at: StoredTime;
  gone_count: number;
  failures: number;
  last_error: string | null;
}

/** A RepoRecord as a row; `time` turns a Date into what the backend stores. */
export function repoToRow<T>(record: RepoRecord, time: (date: Date) => T) {
  return {
    repo: record.repo,
    status: record.status,
    facts: record.facts ? JSON.stringify(record.facts) : null,
    etag: record.etag ?? null,
    status_since: time(record.statusSince),
    checked_at: time(record.checkedAt),
    failures: record.failures,
    last_error: record.lastError ?? null,
  };
}

export function repoFromRow(row: RepoRow): RepoRecord {
  const record: RepoRecord = {
    repo: row.repo,
    status: row.status as RepoStatus,
    statusSince: toDate(row.status_since),
    checkedAt: toDate(row.checked_at),
    failures: row.failures,
  };
  if (row.facts !== null) record.facts = JSON.parse(row.facts) as RepoRecord['facts'];
  if (row.etag !== null) record.etag = row.etag;
  if (row.last_error !== null) record.lastError = row.last_error;
  return record;
}

export function linkToRow<T>(record: LinkRecord, time: (date: Date) => T) {
  return {
    url: record.url,
    status: record.status,
    http_status: record.httpStatus ?? null,
    location: record.location ?? null,
    status_since: time(record.statusSince),
    checked_at: time(record.checkedAt),
    gone_count: record.goneCount,
    failures: record.failures,
    last_error: record.lastError ?? null,
  };
}

export function linkFromRow(row: LinkRow): LinkRecord {
  const record: LinkRecord = {
    url: row.url,
    status: row.status as LinkStatus,
    statusSince: toDate(row.status_since),
    checkedAt: toDate(row.checked_at),
    goneCount: row.gone_count,
    failures: row.failures,
  };
  if (row.http_status !== null) record.httpStatus = row.http_status;
  if (row.location !== null) record.location = row.location;
  if (row.last_error !== null) record.lastError = row.last_error;
  return record;
}
