/** Settings, posts (the claim table), first sightings and the readiness-probe row. Never edit once shipped. */
export const sql = `CREATE TABLE featured_settings (
     guild_id TEXT PRIMARY KEY,
     channel_id TEXT NOT NULL,
     schedule TEXT NOT NULL,
     timezone TEXT NOT NULL,
     enabled INTEGER NOT NULL,
     paused_reason TEXT,
     paused_at INTEGER,
     updated_at INTEGER NOT NULL,
     updated_by TEXT
   );
   CREATE TABLE featured_posts (
     guild_id TEXT NOT NULL,
     period_key TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     entry_id TEXT NOT NULL,
     cycle INTEGER NOT NULL,
     claimed_at INTEGER NOT NULL,
     claimant TEXT NOT NULL,
     message_id TEXT,
     sent_at INTEGER,
     failed_reason TEXT,
     failed_at INTEGER,
     PRIMARY KEY (guild_id, period_key)
   );
   CREATE INDEX featured_posts_unsent ON featured_posts (guild_id) WHERE message_id IS NULL AND failed_reason IS NULL;
   CREATE TABLE entries_seen (
     entry_id TEXT PRIMARY KEY,
     first_seen_at INTEGER NOT NULL
   );
   CREATE INDEX entries_seen_at ON entries_seen (first_seen_at);
   CREATE TABLE health (id INTEGER PRIMARY KEY CHECK (id = 1), checked_at INTEGER NOT NULL);`;
