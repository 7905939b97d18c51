/**
 * The Store on SQLite, for one host: a file in the state directory. Every write runs in an IMMEDIATE
 * transaction, so processes sharing the file serialise on its write lock.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BaseStore } from './base-store.js';
import { openFailure } from './errors.js';
import { applySqliteMigrations } from './migrations/apply-sqlite.js';
import {
  linkFromRow,
  linkToRow,
  postFromRow,
  repoFromRow,
  repoToRow,
  settingsFromRow,
  toDate,
} from './rows.js';
import type { LinkRow, PostRow, RepoRow, SettingsRow } from './rows.js';
import type { LinkRecord, RepoRecord } from './metadata-records.js';
import type {
  ClaimResult,
  CycleState,
  FeaturedSettings,
  FeaturedSettingsInput,
  PostClaim,
  PostRecord,
  ProcessRegistration,
  RefreshRecord,
  Store,
} from './types.js';

export const SQLITE_FILE_NAME = 'dsp.sqlite';
const BUSY_TIMEOUT_MS = 5000;

const OPEN_FAILURE_WORDING = {
  kind: 'database',
  advice:
    'The file was left untouched. Check its permissions and that it is a dsp SQLite database; ' +
    'if it is corrupt, restore it from a backup or move it aside (dsp then starts with empty settings).',
};

/** Read-only integrity check (fast for dsp's small database); fails on damaged pages. */
function assertIntact(db: Database.Database): void {
  const problems = (db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[])
    .map((row) => row.quick_check)
    .filter((message) => message !== 'ok');
  if (problems.length > 0) throw new Error(`integrity check failed: ${problems.join('; ')}`);
}

/** Opens (creating if missing) `<stateDir>/dsp.sqlite`. Throws StoreOpenError, never replaces the file. */
export function openSqliteStore(stateDir: string): Store {
  mkdirSync(stateDir, { recursive: true });
  const file = join(stateDir, SQLITE_FILE_NAME);
  let db: Database.Database | undefined;
  try {
    db = new Database(file);
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Reading the schema first fails cleanly on a non-database file before anything is written.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    assertIntact(db);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    applySqliteMigrations(db);
  } catch (error) {
    db?.close();
    throw openFailure(file, error, OPEN_FAILURE_WORDING);
  }
  return new SqliteStore(db);
}

class SqliteStore extends BaseStore implements Store {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    super();
    this.#db = db;
  }

  async getFeatured(guildId: string): Promise<FeaturedSettings | undefined> {
    const row = this.#db.prepare('SELECT * FROM featured_settings WHERE guild_id = ?').get(guildId) as
      SettingsRow | undefined;
    return row ? settingsFromRow(row) : undefined;
  }

  async saveFeatured(settings: FeaturedSettingsInput): Promise<void> {
    this.#write(() =>
      this.#db
        .prepare(
          `INSERT INTO featured_settings (guild_id, channel_id, schedule, timezone, enabled, paused_reason, paused_at, updated_at, updated_by)
           VALUES (@guildId, @channelId, @schedule, @timezone, @enabled, NULL, NULL, @updatedAt, @updatedBy)
           ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id, schedule = excluded.schedule,
             timezone = excluded.timezone, enabled = excluded.enabled, paused_reason = NULL, paused_at = NULL,
             updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        )
        .run({
          guildId: settings.guildId,
          channelId: settings.channelId,
          schedule: settings.schedule,
          timezone: settings.timezone,
          enabled: settings.enabled ? 1 : 0,
          updatedAt: settings.updatedAt.getTime(),
          updatedBy: settings.updatedBy ?? null,
        }),
    );
  }

  async pauseFeatured(guildId: string, reason: string, at = new Date()): Promise<void> {
    this.#write(() =>
      this.#db
        .prepare('UPDATE featured_settings SET paused_reason = ?, paused_at = ? WHERE guild_id = ?')
        .run(reason, at.getTime(), guildId),
    );
  }

  async resumeFeatured(guildId: string, at = new Date()): Promise<boolean> {
    const result = this.#write(() =>
      this.#db
        .prepare(
          'UPDATE featured_settings SET paused_reason = NULL, paused_at = NULL, enabled = 1, updated_at = ? WHERE guild_id = ?',
        )
        .run(at.getTime(), guildId),
    );
    return result.changes > 0;
  }

  async disableFeatured(guildId: string, at = new Date()): Promise<void> {
    this.#write(() =>
      this.#db
        .prepare('UPDATE featured_settings SET enabled = 0, updated_at = ? WHERE guild_id = ?')
        .run(at.getTime(), guildId),
    );
  }

  async listActiveFeatured(): Promise<FeaturedSettings[]> {
    const rows = this.#db
      .prepare(
        'SELECT * FROM featured_settings WHERE enabled = 1 AND paused_reason IS NULL ORDER BY guild_id',
      )
      .all() as SettingsRow[];
    return rows.map(settingsFromRow);
  }

  async claimPost(claim: PostClaim): Promise<ClaimResult> {
    return this.#write(() => {
      const inserted = this.#db
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
      const existing = this.#postRow(claim.guildId, claim.periodKey);
      if (!existing) throw new Error('claim conflict without an existing post row');
      return { won: false, existing: postFromRow(existing) };
    });
  }

  async takeOverClaim(
    guildId: string,
    periodKey: string,
    expectedClaimant: string,
    claimant: string,
    at: Date,
  ): Promise<boolean> {
    const result = this.#write(() =>
      this.#db
        .prepare(
          `UPDATE featured_posts SET claimant = ?, claimed_at = ?
           WHERE guild_id = ? AND period_key = ? AND claimant = ? AND message_id IS NULL AND failed_reason IS NULL`,
        )
        .run(claimant, at.getTime(), guildId, periodKey, expectedClaimant),
    );
    return result.changes === 1;
  }

  async recordPostSent(guildId: string, periodKey: string, messageId: string, sentAt: Date): Promise<void> {
    this.#write(() =>
      this.#db
        .prepare(
          'UPDATE featured_posts SET message_id = ?, sent_at = ?, failed_reason = NULL, failed_at = NULL WHERE guild_id = ? AND period_key = ?',
        )
        .run(messageId, sentAt.getTime(), guildId, periodKey),
    );
  }

  async recordPostFailed(guildId: string, periodKey: string, reason: string, at = new Date()): Promise<void> {
    this.#write(() =>
      this.#db
        .prepare(
          'UPDATE featured_posts SET failed_reason = ?, failed_at = ? WHERE guild_id = ? AND period_key = ? AND message_id IS NULL',
        )
        .run(reason, at.getTime(), guildId, periodKey),
    );
  }

  async getPost(guildId: string, periodKey: string): Promise<PostRecord | undefined> {
    const row = this.#postRow(guildId, periodKey);
    return row ? postFromRow(row) : undefined;
  }

  override async recentPosts(guildId: string, limit: number): Promise<PostRecord[]> {
    const rows = this.#db
      .prepare('SELECT * FROM featured_posts WHERE guild_id = ? ORDER BY period_key DESC LIMIT ?')
      .all(guildId, limit) as PostRow[];
    return rows.map(postFromRow);
  }

  async unsentClaims(): Promise<PostRecord[]> {
    const rows = this.#db
      .prepare(
        'SELECT * FROM featured_posts WHERE message_id IS NULL AND failed_reason IS NULL ORDER BY guild_id, period_key',
      )
      .all() as PostRow[];
    return rows.map(postFromRow);
  }

  async featuredInCycle(guildId: string): Promise<CycleState> {
    const read = this.#db.transaction((): CycleState => {
      const latest = this.#db
        .prepare('SELECT max(cycle) AS cycle FROM featured_posts WHERE guild_id = ?')
        .get(guildId) as { cycle: number | null };
      const cycle = latest.cycle ?? 1;
      const rows = this.#db
        .prepare(
          'SELECT entry_id FROM featured_posts WHERE guild_id = ? AND cycle = ? AND failed_reason IS NULL',
        )
        .all(guildId, cycle) as { entry_id: string }[];
      return { cycle, entryIds: new Set(rows.map((row) => row.entry_id)) };
    });
    return read();
  }

  async recordEntriesSeen(ids: readonly string[], at: Date): Promise<void> {
    const insert = this.#db.prepare(
      'INSERT INTO entries_seen (entry_id, first_seen_at) VALUES (?, ?) ON CONFLICT (entry_id) DO NOTHING',
    );
    this.#write(() => {
      for (const id of ids) insert.run(id, at.getTime());
    });
  }

  async entriesFirstSeenSince(at: Date): Promise<string[]> {
    const rows = this.#db
      .prepare('SELECT entry_id FROM entries_seen WHERE first_seen_at > ? ORDER BY first_seen_at, entry_id')
      .all(at.getTime()) as { entry_id: string }[];
    return rows.map((row) => row.entry_id);
  }

  async registerProcess(registration: ProcessRegistration): Promise<void> {
    this.#write(() =>
      this.#db
        .prepare(
          `INSERT INTO bot_processes (id, shard_ids, shard_count, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET shard_ids = excluded.shard_ids, shard_count = excluded.shard_count,
             started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at`,
        )
        .run(
          registration.id,
          JSON.stringify(registration.shardIds),
          registration.shardCount,
          registration.startedAt.getTime(),
          Date.now(),
        ),
    );
  }

  async heartbeatProcess(id: string): Promise<boolean> {
    const result = this.#write(() =>
      this.#db.prepare('UPDATE bot_processes SET heartbeat_at = ? WHERE id = ?').run(Date.now(), id),
    );
    return result.changes === 1;
  }

  async liveProcessCount(withinMs: number): Promise<number> {
    const row = this.#db
      .prepare('SELECT count(*) AS live FROM bot_processes WHERE heartbeat_at >= ?')
      .get(Date.now() - withinMs) as { live: number };
    return row.live;
  }

  async saveRepoRecords(records: readonly RepoRecord[]): Promise<void> {
    const upsert = this.#db.prepare(
      `INSERT INTO repo_metadata (repo, status, facts, etag, status_since, checked_at, failures, last_error)
       VALUES (@repo, @status, @facts, @etag, @status_since, @checked_at, @failures, @last_error)
       ON CONFLICT (repo) DO UPDATE SET status = excluded.status, facts = excluded.facts, etag = excluded.etag,
         status_since = excluded.status_since, checked_at = excluded.checked_at, failures = excluded.failures,
         last_error = excluded.last_error`,
    );
    this.#write(() => {
      for (const record of records) upsert.run(repoToRow(record, (date) => date.getTime()));
    });
  }

  async repoRecords(keys?: readonly string[]): Promise<RepoRecord[]> {
    const rows = (
      keys
        ? this.#db
            .prepare(
              'SELECT * FROM repo_metadata WHERE repo IN (SELECT value FROM json_each(?)) ORDER BY repo',
            )
            .all(JSON.stringify(keys))
        : this.#db.prepare('SELECT * FROM repo_metadata ORDER BY repo').all()
    ) as RepoRow[];
    return rows.map(repoFromRow);
  }

  async saveLinkRecords(records: readonly LinkRecord[]): Promise<void> {
    const upsert = this.#db.prepare(
      `INSERT INTO link_metadata (url, status, http_status, location, status_since, checked_at, gone_count, failures, last_error)
       VALUES (@url, @status, @http_status, @location, @status_since, @checked_at, @gone_count, @failures, @last_error)
       ON CONFLICT (url) DO UPDATE SET status = excluded.status, http_status = excluded.http_status,
         location = excluded.location, status_since = excluded.status_since, checked_at = excluded.checked_at,
         gone_count = excluded.gone_count, failures = excluded.failures, last_error = excluded.last_error`,
    );
    this.#write(() => {
      for (const record of records) upsert.run(linkToRow(record, (date) => date.getTime()));
    });
  }

  async linkRecords(urls?: readonly string[]): Promise<LinkRecord[]> {
    const rows = (
      urls
        ? this.#db
            .prepare('SELECT * FROM link_metadata WHERE url IN (SELECT value FROM json_each(?)) ORDER BY url')
            .all(JSON.stringify(urls))
        : this.#db.prepare('SELECT * FROM link_metadata ORDER BY url').all()
    ) as LinkRow[];
    return rows.map(linkFromRow);
  }

  async recordRefresh(round: RefreshRecord): Promise<void> {
    this.#write(() =>
      this.#db
        .prepare(
          `INSERT INTO metadata_refresh (id, completed_at, summary) VALUES (1, ?, ?)
           ON CONFLICT (id) DO UPDATE SET completed_at = excluded.completed_at, summary = excluded.summary`,
        )
        .run(round.completedAt.getTime(), round.summary),
    );
  }

  async lastRefresh(): Promise<RefreshRecord | undefined> {
    const row = this.#db.prepare('SELECT completed_at, summary FROM metadata_refresh WHERE id = 1').get() as
      { completed_at: number; summary: string } | undefined;
    return row ? { completedAt: toDate(row.completed_at), summary: row.summary } : undefined;
  }

  async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    const result = this.#write(() =>
      this.#db
        .prepare(
          `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
           WHERE leases.holder = excluded.holder OR leases.expires_at <= ?`,
        )
        .run(name, holder, now + ttlMs, now),
    );
    return result.changes === 1;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    this.#write(() => this.#db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?').run(name, holder));
  }

  async checkWritable(): Promise<void> {
    this.#write(() =>
      this.#db
        .prepare(
          'INSERT INTO health (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at',
        )
        .run(Date.now()),
    );
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }

  #postRow(guildId: string, periodKey: string): PostRow | undefined {
    return this.#db
      .prepare('SELECT * FROM featured_posts WHERE guild_id = ? AND period_key = ?')
      .get(guildId, periodKey) as PostRow | undefined;
  }

  /** Every write runs in an IMMEDIATE transaction so concurrent processes serialise on the write lock. */
  #write<T>(work: () => T): T {
    return this.#db.transaction(work).immediate();
  }
}
