/**
 * Repository and link metadata, refresh rounds and the refresh lease, in PostgreSQL. Each batch is one
 * statement (jsonb_to_recordset), so a batch is saved whole or not at all.
 */
import type pg from 'pg';
import { linkFromRow, linkToRow, repoFromRow, repoToRow } from '../rows.js';
import type { LinkRow, RepoRow } from '../rows.js';
import type { MetadataStore, RateLimitStore } from '../types.js';
import { selectRows } from './query.js';

/** All of MetadataStore but the rate budget (rate-limits.ts). */
export function postgresMetadata(pool: pg.Pool): Omit<MetadataStore, keyof RateLimitStore> {
  return {
    async saveRepoRecords(records) {
      if (records.length === 0) return;
      const rows = records.map((record) => repoToRow(record, (date) => date.toISOString()));
      await pool.query(
        `INSERT INTO repo_metadata (repo, status, facts, etag, status_since, checked_at, failures, last_error)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(repo text, status text, facts text, etag text,
           status_since timestamptz, checked_at timestamptz, failures integer, last_error text)
         ON CONFLICT (repo) DO UPDATE SET status = excluded.status, facts = excluded.facts, etag = excluded.etag,
           status_since = excluded.status_since, checked_at = excluded.checked_at, failures = excluded.failures,
           last_error = excluded.last_error`,
        [JSON.stringify(rows)],
      );
    },

    async repoRecords(keys) {
      const rows = keys
        ? await selectRows<RepoRow>(
            pool,
            'SELECT * FROM repo_metadata WHERE repo = ANY($1::text[]) ORDER BY repo',
            [keys],
          )
        : await selectRows<RepoRow>(pool, 'SELECT * FROM repo_metadata ORDER BY repo');
      return rows.map(repoFromRow);
    },

    async saveLinkRecords(records) {
      if (records.length === 0) return;
      const rows = records.map((record) => linkToRow(record, (date) => date.toISOString()));
      await pool.query(
        `INSERT INTO link_metadata (url, status, http_status, location, status_since, checked_at, gone_count, failures, last_error)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(url text, status text, http_status integer, location text,
           status_since timestamptz, checked_at timestamptz, gone_count integer, failures integer, last_error text)
         ON CONFLICT (url) DO UPDATE SET status = excluded.status, http_status = excluded.http_status,
           location = excluded.location, status_since = excluded.status_since, checked_at = excluded.checked_at,
           gone_count = excluded.gone_count, failures = excluded.failures, last_error = excluded.last_error`,
        [JSON.stringify(rows)],
      );
    },

    async linkRecords(urls) {
      const rows = urls
        ? await selectRows<LinkRow>(
            pool,
            'SELECT * FROM link_metadata WHERE url = ANY($1::text[]) ORDER BY url',
            [urls],
          )
        : await selectRows<LinkRow>(pool, 'SELECT * FROM link_metadata ORDER BY url');
      return rows.map(linkFromRow);
    },

    async recordRefresh(round) {
      await pool.query(
        `INSERT INTO metadata_refresh (id, completed_at, summary) VALUES (1, $1, $2)
         ON CONFLICT (id) DO UPDATE SET completed_at = excluded.completed_at, summary = excluded.summary`,
        [round.completedAt, round.summary],
      );
    },

    async lastRefresh() {
      const [row] = await selectRows<{ completed_at: Date; summary: string }>(
        pool,
        'SELECT completed_at, summary FROM metadata_refresh WHERE id = 1',
      );
      return row ? { completedAt: row.completed_at, summary: row.summary } : undefined;
    },

    // Leases use the database clock, like heartbeats, so skew between hosts does not matter.
    async acquireLease(name, holder, ttlMs) {
      const result = await pool.query(
        `INSERT INTO leases (name, holder, expires_at)
         VALUES ($1, $2, now() + make_interval(secs => $3::double precision / 1000))
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE leases.holder = excluded.holder OR leases.expires_at <= now()
         RETURNING name`,
        [name, holder, ttlMs],
      );
      return result.rowCount === 1;
    },

    async releaseLease(name, holder) {
      await pool.query('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
    },
  };
}
