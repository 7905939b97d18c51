/** Repository and link metadata, refresh rounds and the refresh lease, in SQLite. */
import type Database from 'better-sqlite3';
import { linkFromRow, linkToRow, repoFromRow, repoToRow, toDate } from '../rows.js';
import type { LinkRow, RepoRow } from '../rows.js';
import type { MetadataStore, RateLimitStore } from '../types.js';
import { writeImmediate } from './write.js';

/** All of MetadataStore but the rate budget (rate-limits.ts). */
export function sqliteMetadata(db: Database.Database): Omit<MetadataStore, keyof RateLimitStore> {
  return {
    async saveRepoRecords(records) {
      const upsert = db.prepare(
        `INSERT INTO repo_metadata (repo, status, facts, etag, status_since, checked_at, failures, last_error)
         VALUES (@repo, @status, @facts, @etag, @status_since, @checked_at, @failures, @last_error)
         ON CONFLICT (repo) DO UPDATE SET status = excluded.status, facts = excluded.facts, etag = excluded.etag,
           status_since = excluded.status_since, checked_at = excluded.checked_at, failures = excluded.failures,
           last_error = excluded.last_error`,
      );
      writeImmediate(db, () => {
        for (const record of records) upsert.run(repoToRow(record, (date) => date.getTime()));
      });
    },

    async repoRecords(keys) {
      const rows = (
        keys
          ? db
              .prepare(
                'SELECT * FROM repo_metadata WHERE repo IN (SELECT value FROM json_each(?)) ORDER BY repo',
              )
              .all(JSON.stringify(keys))
          : db.prepare('SELECT * FROM repo_metadata ORDER BY repo').all()
      ) as RepoRow[];
      return rows.map(repoFromRow);
    },

    async saveLinkRecords(records) {
      const upsert = db.prepare(
        `INSERT INTO link_metadata (url, status, http_status, location, status_since, checked_at, gone_count, failures, last_error)
         VALUES (@url, @status, @http_status, @location, @status_since, @checked_at, @gone_count, @failures, @last_error)
         ON CONFLICT (url) DO UPDATE SET status = excluded.status, http_status = excluded.http_status,
           location = excluded.location, status_since = excluded.status_since, checked_at = excluded.checked_at,
           gone_count = excluded.gone_count, failures = excluded.failures, last_error = excluded.last_error`,
      );
      writeImmediate(db, () => {
        for (const record of records) upsert.run(linkToRow(record, (date) => date.getTime()));
      });
    },

    async linkRecords(urls) {
      const rows = (
        urls
          ? db
              .prepare(
                'SELECT * FROM link_metadata WHERE url IN (SELECT value FROM json_each(?)) ORDER BY url',
              )
              .all(JSON.stringify(urls))
          : db.prepare('SELECT * FROM link_metadata ORDER BY url').all()
      ) as LinkRow[];
      return rows.map(linkFromRow);
    },

    async recordRefresh(round) {
      writeImmediate(db, () =>
        db
          .prepare(
            `INSERT INTO metadata_refresh (id, completed_at, summary) VALUES (1, ?, ?)
             ON CONFLICT (id) DO UPDATE SET completed_at = excluded.completed_at, summary = excluded.summary`,
          )
          .run(round.completedAt.getTime(), round.summary),
      );
    },

    async lastRefresh() {
      const row = db.prepare('SELECT completed_at, summary FROM metadata_refresh WHERE id = 1').get() as
        { completed_at: number; summary: string } | undefined;
      return row ? { completedAt: toDate(row.completed_at), summary: row.summary } : undefined;
    },

    async acquireLease(name, holder, ttlMs) {
      const now = Date.now();
      const result = writeImmediate(db, () =>
        db
          .prepare(
            `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
             ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
             WHERE leases.holder = excluded.holder OR leases.expires_at <= ?`,
          )
          .run(name, holder, now + ttlMs, now),
      );
      return result.changes === 1;
    },

    async releaseLease(name, holder) {
      writeImmediate(db, () =>
        db.prepare('DELETE FROM leases WHERE name = ? AND holder = ?').run(name, holder),
      );
    },
  };
}
