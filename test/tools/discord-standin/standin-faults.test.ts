import { ChannelType, Events, type Client } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { loginClient } from '../../../tools/discord-standin/bare-bot.js';
import { startStandin, type Standin, type StandinOptions } from '../../../tools/discord-standin/index.js';

const TOKEN = 'standin-fault-token';

let standin: Standin | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await standin?.stop();
  client = undefined;
  standin = undefined;
});

async function replyingBot(options: Partial<StandinOptions> = {}) {
  standin = await startStandin({ token: TOKEN, heartbeatIntervalMs: 500, ...options });
  client = await loginClient(standin.apiUrl, TOKEN);
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand()) void interaction.reply('answer').catch(() => undefined);
  });
  return { standin, client };
}

const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;

describe('injected REST faults', () => {
  it('a 500 on the callback route: discord.js retries and the reply arrives', async () => {
    const { standin } = await replyingBot();
    const fault = standin.injectFaults({ method: 'POST', path: CALLBACK, status: 500, count: 1 });
    const message = await standin.slash({ name: 'dsp', subcommand: 'help' }).waitForResponse();
    expect(message.content).toBe('answer');
    expect(fault.hits).toBe(1);
    const callbacks = standin.requests.filter((r) => CALLBACK.test(r.path));
    expect(callbacks.map((r) => r.status)).toEqual([500, 204]);
  });

  it('a 502 twice: still answered after the retries', async () => {
    const { standin } = await replyingBot();
    standin.injectFaults({ path: CALLBACK, status: 502, count: 2 });
    const message = await standin.slash({ name: 'dsp', subcommand: 'help' }).waitForResponse();
    expect(message.content).toBe('answer');
    expect(standin.requests.filter((r) => CALLBACK.test(r.path)).map((r) => r.status)).toEqual([
      502, 502, 204,
    ]);
  });

  it('a 429 with retry-after: discord.js waits and retries', async () => {
    const { standin } = await replyingBot();
    standin.injectFaults({ method: 'POST', path: CALLBACK, status: 429, count: 1, retryAfterMs: 200 });
    const result = standin.slash({ name: 'dsp', subcommand: 'help' });
    const message = await result.waitForResponse();
    expect(message.content).toBe('answer');
    const [limited, accepted] = standin.requests.filter((r) => CALLBACK.test(r.path));
    expect(limited?.status).toBe(429);
    expect(accepted?.status).toBe(204);
    expect((accepted?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(200);
  });

  it('a 429 on a channel route carries Discord rate-limit headers and body', async () => {
    const { standin } = await replyingBot();
    const channelId = standin.guilds[0]?.channelIds[0] ?? '';
    standin.injectFaults({
      method: 'POST',
      path: /^\/channels\/\d+\/messages$/,
      status: 429,
      count: 1,
      retryAfterMs: 150,
    });
    const response = await fetch(`${standin.apiUrl}/v10/channels/${channelId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'hi' }),
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('0.15');
    expect(response.headers.get('x-ratelimit-scope')).toBe('user');
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(await response.json()).toMatchObject({ retry_after: 0.15, global: false });
  });

  it('a global rate limit answers 429 global beyond N requests per second, and discord.js copes', async () => {
    const { standin, client } = await replyingBot({ globalRateLimit: { perSecond: 3 } });
    const channel = client.channels.cache.get(standin.guilds[0]?.channelIds[0] ?? '');
    if (channel?.type !== ChannelType.GuildText) throw new Error('no text channel');
    await Promise.all([1, 2, 3, 4, 5].map((n) => channel.send(`m${n}`)));
    expect(standin.channelMessages(channel.id)).toHaveLength(5);
    const limited = standin.requests.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
  });

  it('successful responses carry per-route rate-limit headers', async () => {
    const { standin } = await replyingBot();
    const response = await fetch(`${standin.apiUrl}/v10/users/@me`, {
      headers: { authorization: `Bot ${TOKEN}` },
    });
    expect(response.status).toBe(200);
    for (const name of ['limit', 'remaining', 'reset', 'reset-after', 'bucket']) {
      expect(response.headers.get(`x-ratelimit-${name}`)).toBeTruthy();
    }
  });

  it('answers 401 without the bot token', async () => {
    const { standin } = await replyingBot();
    const response = await fetch(`${standin.apiUrl}/v10/users/@me`, {
      headers: { authorization: 'Bot nope' },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: '401: Unauthorized', code: 0 });
  });
});
