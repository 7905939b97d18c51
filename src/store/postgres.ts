/**
 * The Store on PostgreSQL, for several bot processes on several hosts sharing one database.
 * Every write is a single statement (autocommit), so there is no multi-statement transaction to
 * lose half-way; the once-per-period claim is one `INSERT … ON CONFLICT DO NOTHING RETURNING`.
 */
import pg from 'pg';
import { BaseStore } from './base-store.js';
import { openFailure } from './errors.js';
import { applyPostgresMigrations } from './migrations/apply-postgres.js';
import { linkFromRow, linkToRow, postFromRow, repoFromRow, repoToRow, settingsFromRow } from './rows.js';
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
  StoreLogger,
} from './types.js';

export interface PostgresStoreOptions {
  logger?: StoreLogger;
  /** Pool size per process (default 5). */
  maxConnections?: number;
}

const CONNECT_TIMEOUT_MS = 5_000;
/** A query on a silently dead connection must fail (and be retried later), not hang the scheduler. */
const QUERY_TIMEOUT_MS = 30_000;

const OPEN_FAILURE_WORDING = {
  kind: 'PostgreSQL database',
  advice: 'Check DATABASE_URL, that the server is reachable and that the user may create tables.',
};

/** The URL without its password, for messages and logs. */
export function describeDatabaseUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    url.password = '';
    url.search = '';
    return url.toString();
  } catch {
    return 'DATABASE_URL (unparseable)';
  }
}

/**
 * Connects, migrates (once across processes starting together) and returns the store. Throws
 * StoreOpenError naming the database (never its password) when it is unreachable or too new.
 */
export async function openPostgresStore(
  databaseUrl: string,
  options: PostgresStoreOptions = {},
): Promise<Store> {
  const where = describeDatabaseUrl(databaseUrl);
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.maxConnections ?? 5,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
  });
  // An idle connection dropped by the server emits here; unhandled it would crash the process.
  // The pool discards it and opens a fresh one on the next query.
  pool.on('error', (error) =>
    options.logger?.warn({ database: where, error: error.message }, 'database connection lost'),
  );
  try {
    await applyPostgresMigrations(pool, options.logger);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw openFailure(where, error, OPEN_FAILURE_WORDING);
  }
  return new PostgresStore(pool);
}

class PostgresStore extends BaseStore implements Store {
  readonly #pool: pg.Pool;
  #closed = false;

  constructor(pool: pg.Pool) {
    super();
    this.#pool = pool;
  }

  async getFeatured(guildId: string): Promise<FeaturedSettings | undefined> {
    const [row] = await this.#rows<SettingsRow>('SELECT * FROM featured_settings WHERE guild_id = $1', [
      guildId,
    ]);
    return row ? settingsFromRow(row) : undefined;
  }

  async saveFeatured(settings: FeaturedSettingsInput): Promise<void> {
    await this.#pool.query(
      `INSERT INTO featured_settings (guild_id, channel_id, schedule, timezone, enabled, paused_reason, paused_at, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, NULL, NULL, $6, $7)
       ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id, schedule = excluded.schedule,
         timezone = excluded.timezone, enabled = excluded.enabled, paused_reason = NULL, paused_at = NULL,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      [
        settings.guildId,
        settings.channelId,
        settings.schedule,
        settings.timezone,
        settings.enabled,
        settings.updatedAt,
        settings.updatedBy ?? null,
      ],
    );
  }

  async pauseFeatured(guildId: string, reason: string, at = new Date()): Promise<void> {
    await this.#pool.query(
      'UPDATE featured_settings SET paused_reason = $1, paused_at = $2 WHERE guild_id = $3',
      [reason, at, guildId],
    );
  }

  async resumeFeatured(guildId: string, at = new Date()): Promise<boolean> {
    const result = await this.#pool.query(
      'UPDATE featured_settings SET paused_reason = NULL, paused_at = NULL, enabled = true, updated_at = $1 WHERE guild_id = $2',
      [at, guildId],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async disableFeatured(guildId: string, at = new Date()): Promise<void> {
    await this.#pool.query(
      'UPDATE featured_settings SET enabled = false, updated_at = $1 WHERE guild_id = $2',
      [at, guildId],
    );
  }

  async listActiveFeatured(): Promise<FeaturedSettings[]> {
    const rows = await this.#rows<SettingsRow>(
      'SELECT * FROM featured_settings WHERE enabled AND paused_reason IS NULL ORDER BY guild_id',
    );
    return rows.map(settingsFromRow);
  }

  async claimPost(claim: PostClaim): Promise<ClaimResult> {
    // The insert alone decides the winner: the primary key lets exactly one row in.
    const inserted = await this.#pool.query(
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
    const existing = await this.getPost(claim.guildId, claim.periodKey);
    if (!existing) throw new Error('claim conflict without an existing post row');
    return { won: false, existing };
  }

  async takeOverClaim(
    guildId: string,
    periodKey: string,
    expectedClaimant: string,
    claimant: string,
    at: Date,
  ): Promise<boolean> {
    const result = await this.#pool.query(
      `UPDATE featured_posts SET claimant = $1, claimed_at = $2
       WHERE guild_id = $3 AND period_key = $4 AND claimant = $5 AND message_id IS NULL AND failed_reason IS NULL
       RETURNING period_key`,
      [claimant, at, guildId, periodKey, expectedClaimant],
    );
    return result.rowCount === 1;
  }

  async recordPostSent(guildId: string, periodKey: string, messageId: string, sentAt: Date): Promise<void> {
    await this.#pool.query(
      `UPDATE featured_posts SET message_id = $1, sent_at = $2, failed_reason = NULL, failed_at = NULL
       WHERE guild_id = $3 AND period_key = $4`,
      [messageId, sentAt, guildId, periodKey],
    );
  }

  async recordPostFailed(guildId: string, periodKey: string, reason: string, at = new Date()): Promise<void> {
    await this.#pool.query(
      `UPDATE featured_posts SET failed_reason = $1, failed_at = $2
       WHERE guild_id = $3 AND period_key = $4 AND message_id IS NULL`,
      [reason, at, guildId, periodKey],
    );
  }

  async getPost(guildId: string, periodKey: string): Promise<PostRecord | undefined> {
    const [row] = await this.#rows<PostRow>(
      'SELECT * FROM featured_posts WHERE guild_id = $1 AND period_key = $2',
      [guildId, periodKey],
    );
    return row ? postFromRow(row) : undefined;
  }

  override async recentPosts(guildId: string, limit: number): Promise<PostRecord[]> {
    const rows = await this.#rows<PostRow>(
      'SELECT * FROM featured_posts WHERE guild_id = $1 ORDER BY period_key DESC LIMIT $2',
      [guildId, limit],
    );
    return rows.map(postFromRow);
  }

  async unsentClaims(): Promise<PostRecord[]> {
    const rows = await this.#rows<PostRow>(
      `SELECT * FROM featured_posts WHERE message_id IS NULL AND failed_reason IS NULL
       ORDER BY guild_id, period_key`,
    );
    return rows.map(postFromRow);
  }

  async featuredInCycle(guildId: string): Promise<CycleState> {
    // One statement, one snapshot: the cycle and its entries are read consistently.
    const rows = await this.#rows<{ cycle: number; entry_id: string | null }>(
      `WITH latest AS (SELECT coalesce(max(cycle), 1) AS cycle FROM featured_posts WHERE guild_id = $1)
       SELECT latest.cycle, post.entry_id FROM latest
       LEFT JOIN featured_posts post
         ON post.guild_id = $1 AND post.cycle = latest.cycle AND post.failed_reason IS NULL`,
      [guildId],
    );
    const entryIds = new Set(rows.flatMap((row) => (row.entry_id === null ? [] : [row.entry_id])));
    return { cycle: rows[0]?.cycle ?? 1, entryIds };
  }

  async recordEntriesSeen(ids: readonly string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.#pool.query(
      `INSERT INTO entries_seen (entry_id, first_seen_at) SELECT id, $2 FROM unnest($1::text[]) AS id
       ON CONFLICT (entry_id) DO NOTHING`,
      [ids, at],
    );
  }

  async entriesFirstSeenSince(at: Date): Promise<string[]> {
    const rows = await this.#rows<{ entry_id: string }>(
      'SELECT entry_id FROM entries_seen WHERE first_seen_at > $1 ORDER BY first_seen_at, entry_id',
      [at],
    );
    return rows.map((row) => row.entry_id);
  }

  async registerProcess(registration: ProcessRegistration): Promise<void> {
    await this.#pool.query(
      `INSERT INTO bot_processes (id, shard_ids, shard_count, started_at, heartbeat_at)
       VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (id) DO UPDATE SET shard_ids = excluded.shard_ids, shard_count = excluded.shard_count,
         started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at`,
      [registration.id, registration.shardIds, registration.shardCount, registration.startedAt],
    );
  }

  // Heartbeats use the database clock so that skew between hosts does not matter.
  async heartbeatProcess(id: string): Promise<boolean> {
    const result = await this.#pool.query('UPDATE bot_processes SET heartbeat_at = now() WHERE id = $1', [
      id,
    ]);
    return result.rowCount === 1;
  }

  async liveProcessCount(withinMs: number): Promise<number> {
    const [row] = await this.#rows<{ live: number }>(
      `SELECT count(*)::integer AS live FROM bot_processes
       WHERE heartbeat_at >= now() - make_interval(secs => $1::double precision / 1000)`,
      [withinMs],
    );
    return row?.live ?? 0;
  }

  // Each batch is one statement (jsonb_to_recordset), so a batch is saved whole or not at all.
  async saveRepoRecords(records: readonly RepoRecord[]): Promise<void> {
    if (records.length === 0) return;
    const rows = records.map((record) => repoToRow(record, (date) => date.toISOString()));
    await this.#pool.query(
      `INSERT INTO repo_metadata (repo, status, facts, etag, status_since, checked_at, failures, last_error)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(repo text, status text, facts text, etag text,
         status_since timestamptz, checked_at timestamptz, failures integer, last_error text)
       ON CONFLICT (repo) DO UPDATE SET status = excluded.status, facts = excluded.facts, etag = excluded.etag,
         status_since = excluded.status_since, checked_at = excluded.checked_at, failures = excluded.failures,
         last_error = excluded.last_error`,
      [JSON.stringify(rows)],
    );
  }

  async repoRecords(keys?: readonly string[]): Promise<RepoRecord[]> {
    const rows = keys
      ? await this.#rows<RepoRow>('SELECT * FROM repo_metadata WHERE repo = ANY($1::text[]) ORDER BY repo', [
          keys,
        ])
      : await this.#rows<RepoRow>('SELECT * FROM repo_metadata ORDER BY repo');
    return rows.map(repoFromRow);
  }

  async saveLinkRecords(records: readonly LinkRecord[]): Promise<void> {
    if (records.length === 0) return;
    const rows = records.map((record) => linkToRow(record, (date) => date.toISOString()));
    await this.#pool.query(
      `INSERT INTO link_metadata (url, status, http_status, location, status_since, checked_at, gone_count, failures, last_error)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(url text, status text, http_status integer, location text,
         status_since timestamptz, checked_at timestamptz, gone_count integer, failures integer, last_error text)
       ON CONFLICT (url) DO UPDATE SET status = excluded.status, http_status = excluded.http_status,
         location = excluded.location, status_since = excluded.status_since, checked_at = excluded.checked_at,
         gone_count = excluded.gone_count, failures = excluded.failures, last_error = excluded.last_error`,
      [JSON.stringify(rows)],
    );
  }

  async linkRecords(urls?: readonly string[]): Promise<LinkRecord[]> {
    const rows = urls
      ? await this.#rows<LinkRow>('SELECT * FROM link_metadata WHERE url = ANY($1::text[]) ORDER BY url', [
          urls,
        ])
      : await this.#rows<LinkRow>('SELECT * FROM link_metadata ORDER BY url');
    return rows.map(linkFromRow);
  }

  async recordRefresh(round: RefreshRecord): Promise<void> {
    await this.#pool.query(
      `INSERT INTO metadata_refresh (id, completed_at, summary) VALUES (1, $1, $2)
       ON CONFLICT (id) DO UPDATE SET completed_at = excluded.completed_at, summary = excluded.summary`,
      [round.completedAt, round.summary],
    );
  }

  async lastRefresh(): Promise<RefreshRecord | undefined> {
    const [row] = await this.#rows<{ completed_at: Date; summary: string }>(
      'SELECT completed_at, summary FROM metadata_refresh WHERE id = 1',
    );
    return row ? { completedAt: row.completed_at, summary: row.summary } : undefined;
  }

  // Leases use the database clock, like heartbeats, so skew between hosts does not matter.
  async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const result = await this.#pool.query(
      `INSERT INTO leases (name, holder, expires_at)
       VALUES ($1, $2, now() + make_interval(secs => $3::double precision / 1000))
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE leases.holder = excluded.holder OR leases.expires_at <= now()
       RETURNING name`,
      [name, holder, ttlMs],
    );
    return result.rowCount === 1;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.#pool.query('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
  }

  async checkWritable(): Promise<void> {
    await this.#pool.query(
      `INSERT INTO health (id, checked_at) VALUES (1, now())
       ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at`,
    );
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }

  async #rows<Row extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<Row[]> {
    const result = await this.#pool.query<Row>(text, values);
    return result.rows;
  }
}
