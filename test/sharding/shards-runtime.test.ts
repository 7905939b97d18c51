/** The bot side of sharding: client options, the identify stagger, the process registry, /dsp about. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, GatewayIntentBits, type REST } from 'discord.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { about } from '../../commands/about.js';
import { createProcessRegistry } from '../../src/sharding/process-registry.js';
import { clientShardOptions, clientShards, shardPlan, staggerIdentify } from '../../src/discord/sharding.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import { commandInput, firstEmbed, servicesFor, shippedCatalog } from '../commands/helpers.js';
import { silentLogger } from '../support/silent-logger.js';

function clientFor(settings: Parameters<typeof shardPlan>[0]): Client {
  return new Client({ intents: [GatewayIntentBits.Guilds], ...clientShardOptions(shardPlan(settings)) });
}

function fakeRest(maxConcurrency: number | Error): { rest: REST; calls: string[] } {
  const calls: string[] = [];
  const rest = {
    async get(route: string) {
      calls.push(route);
      if (maxConcurrency instanceof Error) throw maxConcurrency;
      return { url: 'wss://x', shards: 4, session_start_limit: { max_concurrency: maxConcurrency } };
    },
  } as unknown as REST; // only `get` is used by staggerIdentify
  return { rest, calls };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('discord.js client options from SHARD_COUNT and SHARD_IDS', () => {
  it('runs exactly the configured range of the configured count', async () => {
    const client = clientFor({ SHARD_COUNT: 4, SHARD_IDS: [2, 3] });
    expect(clientShards(client)).toEqual({ ids: [2, 3], count: 4 });
    await client.destroy();
  });

  it('runs every shard of the count when SHARD_IDS is unset', async () => {
    const client = clientFor({ SHARD_COUNT: 3 });
    expect(clientShards(client)).toEqual({ ids: [0, 1, 2], count: 3 });
    await client.destroy();
  });

  it('leaves the count to Discord with auto, even though discord.js reads SHARD_COUNT=auto itself', async () => {
    vi.stubEnv('SHARD_COUNT', 'auto');
    const client = clientFor({ SHARD_COUNT: 'auto' });
    expect(client.options.shards).toBe('auto');
    await client.destroy();
  });

  it('keeps a single shard when nothing is set', async () => {
    const client = clientFor({});
    expect(clientShards(client)).toEqual({ ids: [0], count: 1 });
    await client.destroy();
  });
});

describe('identify stagger before login', () => {
  it('waits two windows for shards 2-3 with max_concurrency 1', async () => {
    const { rest, calls } = fakeRest(1);
    const sleep = vi.fn(async () => {});
    const waited = await staggerIdentify({
      rest,
      plan: shardPlan({ SHARD_COUNT: 4, SHARD_IDS: [2, 3] }),
      logger: silentLogger,
      sleep,
    });
    expect(waited).toBe(10_000);
    expect(sleep).toHaveBeenCalledWith(10_000);
    expect(calls).toEqual(['/gateway/bot']);
  });

  it('does not wait when max_concurrency covers the lower shards', async () => {
    const { rest } = fakeRest(16);
    const sleep = vi.fn(async () => {});
    expect(
      await staggerIdentify({
        rest,
        plan: shardPlan({ SHARD_COUNT: 32, SHARD_IDS: [8, 9] }),
        logger: silentLogger,
        sleep,
      }),
    ).toBe(0);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('starts shard 0 at once without asking Discord', async () => {
    const { rest, calls } = fakeRest(1);
    expect(
      await staggerIdentify({
        rest,
        plan: shardPlan({ SHARD_COUNT: 4, SHARD_IDS: [0, 1] }),
        logger: silentLogger,
      }),
    ).toBe(0);
    expect(calls).toEqual([]);
  });

  it('assumes the strictest limit when /gateway/bot cannot be read', async () => {
    const { rest } = fakeRest(new Error('503'));
    const warnings: string[] = [];
    const logger = { info: () => {}, warn: (_: object, msg?: string) => void warnings.push(msg ?? '') };
    const waited = await staggerIdentify({
      rest,
      plan: shardPlan({ SHARD_COUNT: 8, SHARD_IDS: [3] }),
      logger,
      sleep: async () => {},
    });
    expect(waited).toBe(15_000);
    expect(warnings.join()).toMatch(/max_concurrency/);
  });
});

describe('process registry', () => {
  let dir: string | undefined;
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    store = undefined;
    dir = undefined;
  });

  it('counts the processes registered in the shared store', async () => {
    dir = mkdtempSync(join(tmpdir(), 'dsp-registry-'));
    store = openSqliteStore(dir);
    const first = createProcessRegistry({ store, logger: silentLogger });
    const second = createProcessRegistry({ store, logger: silentLogger });
    expect(await first.liveProcesses()).toBe(0);
    await first.register({ id: 'a', shardIds: [0, 1], shardCount: 4, startedAt: new Date() });
    await second.register({ id: 'b', shardIds: [2, 3], shardCount: 4, startedAt: new Date() });
    await first.register({ id: 'a', shardIds: [0, 1], shardCount: 4, startedAt: new Date() });
    expect(await second.liveProcesses()).toBe(2);
    first.stop();
    second.stop();
  });

  it('knows nothing about other processes when the store keeps no registry', async () => {
    dir = mkdtempSync(join(tmpdir(), 'dsp-registry-'));
    const sqlite = openSqliteStore(dir);
    store = sqlite;
    const bare: Store = Object.create(sqlite, {
      registerProcess: { value: undefined },
      liveProcessCount: { value: undefined },
    }) as Store;
    const registry = createProcessRegistry({ store: bare, logger: silentLogger });
    await registry.register({ id: 'a', shardIds: [0], shardCount: 1, startedAt: new Date() });
    expect(await registry.liveProcesses()).toBeUndefined();
    registry.stop();
  });
});

describe('/dsp about in a sharded deployment', () => {
  it("names the server's shard and the live processes", async () => {
    const services = servicesFor(await shippedCatalog());
    services.runtime = {
      shardOf: (guildId) => (guildId ? { id: 1, count: 4 } : undefined),
      liveProcesses: async () => 2,
    };
    const embed = firstEmbed(await about.execute(commandInput({}), services));
    const fields = Object.fromEntries((embed.fields ?? []).map((item) => [item.name, item.value]));
    expect(fields['Shard']).toBe('shard 1 of 4');
    expect(fields['Processes']).toBe('2 live');
  });

  it('leaves both out when the bot knows neither (outside a server, no registry)', async () => {
    const services = servicesFor(await shippedCatalog());
    services.runtime = { shardOf: () => undefined, liveProcesses: async () => undefined };
    const embed = firstEmbed(await about.execute(commandInput({}), services));
    const names = (embed.fields ?? []).map((item) => item.name);
    expect(names).not.toContain('Shard');
    expect(names).not.toContain('Processes');
  });
});
