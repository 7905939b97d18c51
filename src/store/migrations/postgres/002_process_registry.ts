/** Running bot processes and their shards, for sharding across hosts. */
export const sql = `
CREATE TABLE bot_processes (
  id text PRIMARY KEY,
  shard_ids integer[] NOT NULL,
  shard_count integer NOT NULL,
  started_at timestamptz NOT NULL,
  heartbeat_at timestamptz NOT NULL
);
CREATE INDEX bot_processes_heartbeat ON bot_processes (heartbeat_at);
`;
