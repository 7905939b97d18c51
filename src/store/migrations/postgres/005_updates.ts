/** The updates channel: settings, digest claims, the list last announced. Never edit once shipped. */
export const sql = `
CREATE TABLE updates_settings (
  guild_id text PRIMARY KEY,
  channel_id text NOT NULL,
  category text,
  role_id text,
  thread boolean NOT NULL DEFAULT false,
  enabled boolean NOT NULL,
  paused_reason text,
  paused_at timestamptz,
  updated_at timestamptz NOT NULL,
  updated_by text
);
CREATE TABLE updates_digests (
  guild_id text NOT NULL,
  digest_key text NOT NULL,
  channel_id text NOT NULL,
  added text NOT NULL,
  removed text NOT NULL,
  claimed_at timestamptz NOT NULL,
  claimant text NOT NULL,
  message_ids text,
  sent_at timestamptz,
  failed_reason text,
  failed_at timestamptz,
  PRIMARY KEY (guild_id, digest_key)
);
CREATE INDEX updates_digests_unsent ON updates_digests (sent_at, failed_at);
CREATE TABLE updates_announced (
  guild_id text PRIMARY KEY,
  entries text NOT NULL,
  announced_at timestamptz NOT NULL
);
`;
