/** Running bot processes and their shards, for sharding across hosts. Never edit once shipped. */
export const sql = `CREATE TABLE bot_processes (
     id TEXT PRIMARY KEY,
     shard_ids TEXT NOT NULL,
     shard_count INTEGER NOT NULL,
     started_at INTEGER NOT NULL,
     heartbeat_at INTEGER NOT NULL
   );`;
