/**
 * Exactly once across crashes: the bot runs as `npm start` in a child process and is killed with
 * SIGKILL between claiming a featured post and sending it, then started again on the same state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { startStandin, type Standin } from '../../tools/discord-standin/index.js';
import { firstSendAttempt, waitFor } from './harness.js';
import { periodOf, postsByPeriod } from './posts.js';
import { startBotProcess, type BotProcess } from './process.js';

type Json = Record<string, unknown>;
const TOKEN = 'crash.test.token';
const CLAIM_TIMEOUT_MS = 2_000;

let standin: Standin;
let stateDir: string;
let channelId: string;
let bot: BotProcess | undefined;

function env(): Record<string, string> {
  return {
    DISCORD_TOKEN: TOKEN,
    DISCORD_API_URL: standin.apiUrl,
    STATE_DIR: stateDir,
    HTTP_PORT: '0',
    LOG_LEVEL: 'info',
    FEATURED_MIN_INTERVAL: '1',
    FEATURED_CLAIM_TIMEOUT: `${CLAIM_TIMEOUT_MS / 1000}s`,
  };
}

async function startBot(): Promise<BotProcess> {
  const started = startBotProcess(env());
  await started.waitForLog(/slash commands checked/, 120_000);
  await started.waitForLog(/"msg":"list ready"/, 120_000);
  return started;
}

async function crash(process: BotProcess) {
  process.kill('SIGKILL');
  expect(await process.exited).toBe('SIGKILL');
}

/** Stops the bot with SIGTERM: it finishes what it is sending, so no post can arrive after this. */
async function stopGracefully(process: BotProcess) {
  process.kill('SIGTERM');
  await process.exited;
  expect(process.output.join('\n')).toMatch(/stopped cleanly/);
}

/**
 * Waits until the killed process's claims left unsent are older than FEATURED_CLAIM_TIMEOUT, so
 * that the restarted bot may take them over (a younger claim could still belong to a live sender).
 */
async function waitForUnsentClaimsToGoStale(): Promise<void> {
  const store = await openStore({ STATE_DIR: stateDir });
  const claims = await store.unsentClaims().finally(() => store.close());
  const staleAt = Math.max(0, ...claims.map((claim) => claim.claimedAt.getTime() + CLAIM_TIMEOUT_MS));
  await waitFor(() => Date.now() > staleAt, CLAIM_TIMEOUT_MS * 3, 'the unsent claims to go stale');
}

/** Waits until a period later than `period` is posted: the bot is running its schedule again. */
async function waitForPostAfter(period: string): Promise<void> {
  await waitFor(
    () => [...postsByPeriod(standin.channelMessages(channelId)).keys()].some((key) => key > period),
    30_000,
    `a post for a period after ${period}`,
  );
}

beforeAll(async () => {
  standin = await startStandin({ token: TOKEN, heartbeatIntervalMs: 1000 });
  stateDir = mkdtempSync(join(tmpdir(), 'dsp-crash-'));
  channelId = standin.guilds[0]?.channelIds[0] ?? '';
});

afterAll(async () => {
  if (bot) bot.kill('SIGKILL');
  await standin.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('a bot killed between claim and send', () => {
  it('posts the claimed period exactly once after a restart', async () => {
    bot = await startBot();
    const failing = standin.injectFaults({
      method: 'POST',
      path: new RegExp(`^/channels/${channelId}/messages$`),
      status: 500,
      count: 100_000,
    });
    const set = standin.slash({
      name: 'dsp-admin',
      group: 'featured',
      subcommand: 'set',
      options: { channel: channelId, schedule: '*/3 * * * * *', timezone: 'UTC' },
      memberPermissions: ['ManageGuild'],
    });
    await set.waitForResponse({ timeoutMs: 10_000 });
    // The post is claimed and the send is failing: kill the bot in the middle of it.
    const attempt = await firstSendAttempt(standin, channelId, 15_000);
    const claimedPeriod = periodOf(attempt.body as Json);
    expect(claimedPeriod).toBeDefined();
    await crash(bot);
    failing.cancel();
    expect(standin.channelMessages(channelId)).toHaveLength(0);

    await waitForUnsentClaimsToGoStale();
    bot = await startBot();
    await waitFor(
      () => postsByPeriod(standin.channelMessages(channelId)).get(claimedPeriod ?? '') === 1,
      30_000,
      'the claimed period to be posted',
    );
    await waitForPostAfter(claimedPeriod ?? '');
    await stopGracefully(bot);
    bot = undefined;
    const counts = postsByPeriod(standin.channelMessages(channelId));
    expect(counts.get(claimedPeriod ?? '')).toBe(1);
    for (const count of counts.values()) expect(count).toBe(1);
  }, 240_000);

  it('does not post again when it was killed right after Discord accepted the message', async () => {
    bot = await startBot();
    const seen = standin.channelMessages(channelId).length;
    const message = await waitFor(() => standin.channelMessages(channelId)[seen], 15_000, 'the next post');
    await crash(bot as BotProcess);
    const killedPeriod = periodOf(message);
    expect(killedPeriod).toBeDefined();
    await waitForUnsentClaimsToGoStale();
    bot = await startBot();
    // Once a later period is posted the restarted bot has settled the killed one; a graceful stop
    // then lets anything still in flight land before counting.
    await waitForPostAfter(killedPeriod ?? '');
    await stopGracefully(bot);
    bot = undefined;
    const counts = postsByPeriod(standin.channelMessages(channelId));
    expect(counts.get(killedPeriod ?? '')).toBe(1);
    for (const count of counts.values()) expect(count).toBe(1);
  }, 120_000);
});
