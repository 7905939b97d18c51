/** The updates channel: settings, digest claims, the list last announced. Never edit once shipped. */
export const sql = `CREATE TABLE updates_settings (
     guild_id TEXT PRIMARY KEY,
     channel_id TEXT NOT NULL,
     category TEXT,
     role_id TEXT,
     thread INTEGER NOT NULL DEFAULT 0,
     enabled INTEGER NOT NULL,
     paused_reason TEXT,
     paused_at INTEGER,
     updated_at INTEGER NOT NULL,
     updated_by TEXT
   );
   CREATE TABLE updates_digests (
     guild_id TEXT NOT NULL,
     digest_key TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     added TEXT NOT NULL,
     removed TEXT NOT NULL,
     claimed_at INTEGER NOT NULL,
     claimant TEXT NOT NULL,
     message_ids TEXT,
     sent_at INTEGER,
     failed_reason TEXT,
     failed_at INTEGER,
     PRIMARY KEY (guild_id, digest_key)
   );
   CREATE INDEX updates_digests_unsent ON updates_digests (sent_at, failed_at);
   CREATE TABLE updates_announced (
     guild_id TEXT PRIMARY KEY,
     entries TEXT NOT NULL,
     announced_at INTEGER NOT NULL
   );`;
