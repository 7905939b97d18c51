/**
 * Digests exactly once across crashes: the bot runs as `npm start` in a child process, is killed
 * with SIGKILL between claiming a digest and sending it (or right after Discord accepted it), and is
 * started again on the same state.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDigestMarker } from '../../src/updates/marker.js';
import { startStandin, type Standin, type StandinMessage } from '../../tools/discord-standin/index.js';
import { tempDir } from '../support/temp-dir.js';
import { firstSendAttempt, waitFor } from './harness.js';
import { startBotProcess, type BotProcess } from './process.js';
import { allText } from './read-message.js';

type Json = Record<string, unknown>;
const TOKEN = 'updates-crash.test.token';

let standin: Standin;
let stateDir: string;
let listFile: string;
let channelId: string;
let bot: BotProcess | undefined;

function writeList(names: string[]): void {
  const lines = names.map((name) => `- [${name}](https://github.com/x/${name}) - about ${name}`);
  writeFileSync(listFile, ['# Crash list', '', '## Databases', '', ...lines, ''].join('\n'));
}

const BASE = ['alpha', 'beta', 'gamma', 'delta'];

/** The digest key in a message's marker (embed footer or layout text alike). */
function keyOf(message: { content?: unknown; embeds?: unknown; components?: unknown }): string | undefined {
  return parseDigestMarker(allText(message as Parameters<typeof allText>[0]))?.key;
}

/** How many messages each digest got in the channel. */
function digestCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of standin.channelMessages(channelId)) {
    const key = keyOf(message);
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

async function startBot(): Promise<BotProcess> {
  const started = startBotProcess({
    DISCORD_TOKEN: TOKEN,
    DISCORD_API_URL: standin.apiUrl,
    STATE_DIR: stateDir,
    LIST_SOURCE: listFile,
    HTTP_PORT: '0',
    LOG_LEVEL: 'info',
    UPDATES_MIN_INTERVAL: '1s',
    FEATURED_CLAIM_TIMEOUT: '2s',
  });
  await started.waitForLog(/slash commands checked/, 120_000);
  return started;
}

async function crash(process: BotProcess) {
  process.kill('SIGKILL');
  expect(await process.exited).toBe('SIGKILL');
}

async function stopGracefully(process: BotProcess) {
  process.kill('SIGTERM');
  await process.exited;
  expect(process.output.join('\n')).toMatch(/stopped cleanly/);
}

beforeAll(async () => {
  standin = await startStandin({ token: TOKEN, heartbeatIntervalMs: 1000 });
  const dir = tempDir('dsp-updates-crash');
  stateDir = join(dir, 'state');
  listFile = join(dir, 'list.md');
  writeList(BASE);
  channelId = standin.guilds[0]?.channelIds[0] ?? '';
});

afterAll(async () => {
  if (bot) bot.kill('SIGKILL');
  await standin.stop();
});

describe('a bot killed while posting a digest', () => {
  it('posts the claimed digest exactly once after a restart', async () => {
    bot = await startBot();
    await standin
      .slash({
        name: 'dsp-admin',
        group: 'updates',
        subcommand: 'set',
        options: { channel: channelId },
        memberPermissions: ['ManageGuild'],
      })
      .waitForResponse({ timeoutMs: 10_000 });
    const failing = standin.injectFaults({
      method: 'POST',
      path: new RegExp(`^/channels/${channelId}/messages$`),
      status: 500,
      count: 100_000,
    });
    writeList([...BASE, 'epsilon']);
    // The digest is claimed and its send is failing: kill the bot in the middle of it.
    const attempt = await firstSendAttempt(standin, channelId, 30_000);
    const claimedKey = keyOf(attempt.body as Json);
    expect(claimedKey).toBeDefined();
    await crash(bot);
    failing.cancel();
    expect(standin.channelMessages(channelId)).toHaveLength(0);

    bot = await startBot();
    await waitFor(() => digestCounts().get(claimedKey ?? '') === 1, 30_000, 'the claimed digest');
    await stopGracefully(bot);
    bot = undefined;
    expect([...digestCounts().values()]).toEqual([1]);
    expect(allText(standin.channelMessages(channelId)[0] as StandinMessage)).toContain('epsilon');
  }, 240_000);

  it('does not post again when it was killed right after Discord accepted the digest', async () => {
    bot = await startBot();
    const seen = standin.channelMessages(channelId).length;
    writeList([...BASE, 'epsilon', 'zeta']);
    const message = await waitFor(() => standin.channelMessages(channelId)[seen], 30_000, 'the next digest');
    await crash(bot as BotProcess);
    const killedKey = keyOf(message);
    expect(killedKey).toBeDefined();
    bot = await startBot();
    // A later digest goes out only once the killed one is settled; a graceful stop then lets
    // anything in flight land before counting.
    writeList([...BASE, 'epsilon', 'zeta', 'eta']);
    await waitFor(() => digestCounts().size === 3, 30_000, 'a digest after the restart');
    await stopGracefully(bot);
    bot = undefined;
    expect(digestCounts().get(killedKey ?? '')).toBe(1);
    for (const count of digestCounts().values()) expect(count).toBe(1);
  }, 240_000);
});
