import { Events, type Client } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { loginClient } from '../../../tools/discord-standin/bare-bot.js';
import { startStandin, type Standin } from '../../../tools/discord-standin/index.js';
import { shardOfGuild } from '../../../tools/discord-standin/snowflake.js';

const TOKEN = 'standin-gateway-token';

let standin: Standin | undefined;
const clients: Client[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.destroy()));
  await standin?.stop();
  standin = undefined;
});

async function login(options: Parameters<typeof loginClient>[2] = {}): Promise<Client> {
  if (!standin) throw new Error('start the stand-in first');
  const client = await loginClient(standin.apiUrl, TOKEN, options);
  clients.push(client);
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand())
      void interaction.reply(`shard ${interaction.guild?.shardId ?? 'dm'}`);
  });
  return client;
}

describe('heartbeats', () => {
  it('acknowledges heartbeats, so the client measures a ping', async () => {
    standin = await startStandin({ token: TOKEN, heartbeatIntervalMs: 100 });
    const client = await login();
    await expect.poll(() => client.ws.ping, { timeout: 3000 }).toBeGreaterThanOrEqual(0);
  });
});

describe('gateway drops', () => {
  it('resumes after a resumable close and still answers interactions, replaying missed events', async () => {
    standin = await startStandin({ token: TOKEN, heartbeatIntervalMs: 500 });
    const client = await login();
    const resumed = new Promise<void>((resolve) => client.once(Events.ShardResume, () => resolve()));
    expect(standin.dropGateway({ resumable: true })).toBe(1);
    // Dispatched while disconnected: must be replayed on RESUME.
    const added = standin.addGuild({ name: 'While Away' });
    await resumed;
    expect(standin.gatewayStats).toMatchObject({ identifies: 1, resumes: 1 });
    await expect.poll(() => client.guilds.cache.get(added.id)?.name).toBe('While Away');
    const message = await standin.slash({ name: 'dsp', subcommand: 'help' }).waitForResponse();
    expect(message.content).toBe('shard 0');
  });

  it('resumes after the socket is cut without a close frame', async () => {
    standin = await startStandin({ token: TOKEN, heartbeatIntervalMs: 500 });
    const client = await login();
    const resumed = new Promise<void>((resolve) => client.once(Events.ShardResume, () => resolve()));
    standin.dropGateway({ resumable: true, abrupt: true });
    await resumed;
    expect(standin.gatewayStats.resumes).toBe(1);
    expect((await standin.slash({ name: 'dsp', subcommand: 'help' }).waitForResponse()).content).toBe(
      'shard 0',
    );
  });

  it('re-identifies after a non-resumable drop (INVALID_SESSION)', { timeout: 20_000 }, async () => {
    standin = await startStandin({ token: TOKEN, heartbeatIntervalMs: 500 });
    // discord.js spaces identifies of a shard 5 s apart; skip that wait, it is not what is tested here.
    await login({ ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => undefined }) } });
    standin.dropGateway({ resumable: false });
    await standin.waitForConnections(() => standin?.gatewayStats.identifies === 2, 15_000);
    expect(standin.gatewayStats).toMatchObject({ identifies: 2, resumes: 0 });
    expect(
      (await standin.slash({ name: 'dsp', subcommand: 'help' }).waitForResponse({ timeoutMs: 10_000 }))
        .content,
    ).toBe('shard 0');
  });
});

describe('sharding', () => {
  it('gives each shard only its guilds and routes interactions to the owning shard', async () => {
    const guilds = Array.from({ length: 8 }, (_, i) => ({ name: `g${i}` }));
    standin = await startStandin({ token: TOKEN, heartbeatIntervalMs: 500, guilds, recommendedShards: 2 });
    const [zero, one] = await Promise.all([
      login({ shards: [0], shardCount: 2 }),
      login({ shards: [1], shardCount: 2 }),
    ]);
    const expected = (shard: number) =>
      standin?.guilds
        .filter((g) => shardOfGuild(g.id, 2) === shard)
        .map((g) => g.id)
        .sort() ?? [];
    expect([...zero.guilds.cache.keys()].sort()).toEqual(expected(0));
    expect([...one.guilds.cache.keys()].sort()).toEqual(expected(1));
    expect(expected(0).length + expected(1).length).toBe(8);
    expect(standin.connections.map((c) => `${c.shardId}/${c.shardCount}`).sort()).toEqual(['0/2', '1/2']);

    for (const shard of [0, 1]) {
      const guildId = expected(shard)[0];
      if (!guildId) continue;
      const message = await standin.slash({ guildId, name: 'dsp', subcommand: 'help' }).waitForResponse();
      expect(message.content).toBe(`shard ${shard}`);
    }
    const dm = await standin.slash({ name: 'dsp', subcommand: 'help', dm: true }).waitForResponse();
    expect(dm.content).toBe('shard dm');
    expect(dm.channel_id).toBeTruthy();
  });
});
