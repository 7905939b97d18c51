/** Settings, posts (the claim table), first sightings and the readiness-probe row. Never edit once shipped. */
export const sql = `
CREATE TABLE featured_settings (
  guild_id text COLLATE "C" PRIMARY KEY,
  channel_id text NOT NULL,
  schedule text NOT NULL,
  timezone text NOT NULL,
  enabled boolean NOT NULL,
  paused_reason text,
  paused_at timestamptz,
  updated_at timestamptz NOT NULL,
  updated_by text
);

CREATE TABLE featured_posts (
  guild_id text COLLATE "C" NOT NULL,
  period_key text COLLATE "C" NOT NULL,
  channel_id text NOT NULL,
  entry_id text COLLATE "C" NOT NULL,
  cycle integer NOT NULL,
  claimed_at timestamptz NOT NULL,
  claimant text NOT NULL,
  message_id text,
  sent_at timestamptz,
  failed_reason text,
  failed_at timestamptz,
  PRIMARY KEY (guild_id, period_key)
);
CREATE INDEX featured_posts_unsent ON featured_posts (guild_id)
  WHERE message_id IS NULL AND failed_reason IS NULL;
CREATE INDEX featured_posts_cycle ON featured_posts (guild_id, cycle);

CREATE TABLE entries_seen (
  entry_id text COLLATE "C" PRIMARY KEY,
  first_seen_at timestamptz NOT NULL
);
CREATE INDEX entries_seen_at ON entries_seen (first_seen_at);

CREATE TABLE health (
  id integer PRIMARY KEY CHECK (id = 1),
  checked_at timestamptz NOT NULL
);
`;
