/**
 * The two indexes PostgreSQL has had from its first migrations but SQLite lacked, so that both
 * schemas are the same again: rotation-cycle reads and the live-process count. Never edit once shipped.
 */
export const sql = `
CREATE INDEX IF NOT EXISTS featured_posts_cycle ON featured_posts (guild_id, cycle);
CREATE INDEX IF NOT EXISTS bot_processes_heartbeat ON bot_processes (heartbeat_at);
`;
