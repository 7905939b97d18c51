/**
 * Discord's guild → shard routing and the identify stagger, as plain arithmetic so that the
 * scheduler (which guilds does this process post for?) and the bot (when may it log in?) agree.
 */

/** Discord's identify rate limit: `max_concurrency` identifies per window of this length. */
export const IDENTIFY_WINDOW_MS = 5_000;

/** The shard Discord delivers a guild's events to: `(guild_id >> 22) % shard_count`. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** A predicate for the guilds whose shard is one of `shardIds` (out of `shardCount`). */
export function ownsGuildFn(shardIds: readonly number[], shardCount: number): (guildId: string) => boolean {
  const owned = new Set(shardIds);
  return (guildId) => owned.has(shardOf(guildId, shardCount));
}

/**
 * How long a process should wait before its first identify so that processes started together
 * respect `max_concurrency`: shards identify in buckets of `max_concurrency` consecutive ids, one
 * bucket per window. A process whose lowest shard is in bucket k waits k windows; discord.js then
 * spaces its own shards. Exact for contiguous ranges handed out in order (0-1, 2-3, ...).
 */
export function identifyDelayMs(
  shardIds: readonly number[],
  maxConcurrency: number,
  windowMs = IDENTIFY_WINDOW_MS,
): number {
  if (shardIds.length === 0) return 0;
  const lowest = Math.min(...shardIds);
  return Math.floor(lowest / Math.max(1, maxConcurrency)) * windowMs;
}

/** Every shard id of a process configured with a count and an optional subset. */
export function shardRange(shardCount: number, shardIds?: readonly number[]): number[] {
  return shardIds ? [...shardIds] : Array.from({ length: shardCount }, (_, id) => id);
}
