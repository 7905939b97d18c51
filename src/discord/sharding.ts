/**
 * How this process takes part in gateway sharding: which shards it runs (SHARD_COUNT/SHARD_IDS),
 * the discord.js client options for that, and the wait before login that keeps several processes
 * started together within Discord's identify limit.
 */
import type { Client, ClientOptions, REST } from 'discord.js';
import { Routes } from 'discord.js';
import type { RESTGetAPIGatewayBotResult } from 'discord-api-types/v10';
import type { LogSink } from '../log/logger.js';
import { identifyDelayMs, shardRange } from '../sharding/shards.js';

/** `single`: one shard as without sharding; `auto`: Discord's recommended count, all in this process. */
export type ShardPlan =
  { kind: 'single' } | { kind: 'auto' } | { kind: 'fixed'; ids: number[]; count: number };

export interface ShardSettings {
  SHARD_COUNT?: number | 'auto' | undefined;
  SHARD_IDS?: number[] | undefined;
}

export function shardPlan(settings: ShardSettings): ShardPlan {
  const count = settings.SHARD_COUNT;
  if (count === undefined) return { kind: 'single' };
  if (count === 'auto') return { kind: 'auto' };
  return { kind: 'fixed', ids: shardRange(count, settings.SHARD_IDS), count };
}

/**
 * discord.js reads SHARD_COUNT from the environment whenever `shardCount` is left at its default
 * of 1, and our `auto` would become NaN there; so an explicit count is always passed. Under
 * `shards: 'auto'` the count is a placeholder that discord.js replaces with Discord's answer.
 */
export function clientShardOptions(plan: ShardPlan): Pick<ClientOptions, 'shards' | 'shardCount'> {
  if (plan.kind === 'fixed') return { shards: plan.ids, shardCount: plan.count };
  if (plan.kind === 'auto') return { shards: 'auto', shardCount: 2 };
  return {};
}

/** The shards the client runs and their total, once it has connected (or from its options before). */
export function clientShards(client: Client): { ids: number[]; count: number } {
  const { shards, shardCount } = client.options;
  const ids = Array.isArray(shards) ? [...shards] : typeof shards === 'number' ? [shards] : [0];
  return { ids, count: shardCount ?? 1 };
}

export interface StaggerOptions {
  rest: REST;
  plan: ShardPlan;
  logger: Pick<LogSink, 'info' | 'warn'>;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Waits `floor(min(SHARD_IDS) / max_concurrency)` identify windows before login, reading
 * max_concurrency from GET /gateway/bot (1, the strictest, when that fails). Returns the wait.
 */
export async function staggerIdentify(options: StaggerOptions): Promise<number> {
  const { plan, logger } = options;
  if (plan.kind !== 'fixed' || Math.min(...plan.ids) === 0) return 0;
  const maxConcurrency = await readMaxConcurrency(options.rest).catch((error: unknown) => {
    logger.warn({ err: error }, 'could not read max_concurrency from /gateway/bot; assuming 1');
    return 1;
  });
  const waitMs = identifyDelayMs(plan.ids, maxConcurrency);
  if (waitMs > 0) {
    logger.info({ waitMs, shardIds: plan.ids, maxConcurrency }, 'waiting for this process’s identify slot');
    await (options.sleep ?? defaultSleep)(waitMs);
  }
  return waitMs;
}

async function readMaxConcurrency(rest: REST): Promise<number> {
  const info = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return Math.max(1, info.session_start_limit.max_concurrency);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
