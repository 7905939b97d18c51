/**
 * The updates channel end to end: set up through the real /dsp-admin command, the list file
 * rewritten and reloaded, digests posted through the real discord.js client to the stand-in.
 * UPDATES_MIN_INTERVAL is short; the tests wait on posted messages, never on clock windows.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StandinMessage } from '../../tools/discord-standin/index.js';
import { parseDigestMarker } from '../../src/updates/marker.js';
import { tempDir } from '../support/temp-dir.js';
import { THREAD_PERMISSIONS } from '../support/thread-permissions.js';
import { startHarness, waitFor, type Harness } from './harness.js';
import { allText, layoutTexts } from './read-message.js';

type Json = Record<string, unknown>;
const INTERVAL_MS = 3_000;

/** `name` → `- [name](https://github.com/x/name) - about name`, under `## Category` headings. */
function writeList(file: string, categories: Record<string, string[]>): void {
  const lines = ['# Test list', ''];
  for (const [category, names] of Object.entries(categories)) {
    lines.push(
      `## ${category}`,
      '',
      ...names.map((name) => `- [${name}](https://github.com/x/${name}) - about ${name}`),
      '',
    );
  }
  writeFileSync(file, lines.join('\n'));
}

const BASE = {
  Databases: ['alpha', 'beta', 'gamma', 'delta'],
  Consensus: ['raft-one', 'paxos-two', 'zab-three'],
};

/** The marker, in the embed footer or the layout's small text alike. */
function digestPart(message: StandinMessage): { key: string; part: number } | undefined {
  return parseDigestMarker(allText(message));
}

function digests(harness: Harness, channelId: string): StandinMessage[] {
  return harness.standin.channelMessages(channelId).filter((message) => digestPart(message) !== undefined);
}

function digestText(message: StandinMessage): string {
  const embed = (message.embeds as Json[] | undefined)?.[0] ?? {};
  return [message.content, String(embed.description ?? ''), ...layoutTexts(message)].join('\n');
}

/** Names listed as added and removed in a digest message. */
function changesIn(message: StandinMessage): { added: string[]; removed: string[] } {
  const text = digestText(message);
  const [addedPart = '', removedPart = ''] = text.split('**Removed');
  return {
    added: [...addedPart.matchAll(/^• \[([^\]]+)\]/gm)].map((match) => match[1] ?? '').sort(),
    removed: [...removedPart.matchAll(/^• ~~([^~]+)~~/gm)].map((match) => match[1] ?? '').sort(),
  };
}

async function setUpdates(
  harness: Harness,
  guildIndex: number,
  options: Record<string, string | boolean> = {},
) {
  const guild = harness.standin.guilds[guildIndex];
  if (!guild) throw new Error('no guild');
  const channelId = guild.channelIds[0] ?? '';
  const result = harness.standin.slash({
    guildId: guild.id,
    channelId,
    name: 'dsp-admin',
    group: 'updates',
    subcommand: 'set',
    options: { channel: channelId, ...options },
    memberPermissions: ['ManageGuild', 'ViewChannel', 'SendMessages'],
  });
  const answer = await result.waitForResponse();
  expect(result.ephemeral).toBe(true);
  expect(allText(answer)).toMatch(/List updates are on/);
  return { channelId, guildId: guild.id };
}

async function reloadWith(harness: Harness, file: string, categories: Record<string, string[]>) {
  writeList(file, categories);
  const result = await harness.app.catalog.reload({ reason: 'SIGHUP' });
  expect(['updated', 'unchanged']).toContain(result.outcome);
}

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

/** Stops the bot gracefully (whatever is in flight lands) and the stand-in: nothing is posted after this. */
async function stopAll(h: Harness): Promise<void> {
  harness = undefined;
  await h.stop();
}

async function start(guilds = 1, botPermissions?: typeof THREAD_PERMISSIONS) {
  const file = join(tempDir('dsp-updates'), 'list.md');
  writeList(file, BASE);
  harness = await startHarness({
    env: { LIST_SOURCE: file, UPDATES_MIN_INTERVAL: `${INTERVAL_MS}ms` },
    standin: {
      guilds: Array.from({ length: guilds }, (_, i) => ({
        name: `Guild ${i + 1}`,
        ...(botPermissions ? { botPermissions } : {}),
      })),
    },
  });
  return { h: harness, file };
}

describe('list updates', () => {
  it('a reload adding three and removing one: one digest per following server with exactly those', async () => {
    const { h, file } = await start(2);
    const channels = [await setUpdates(h, 0), await setUpdates(h, 1)].map((set) => set.channelId);
    await reloadWith(h, file, { ...BASE, Databases: ['alpha', 'beta', 'gamma', 'epsilon', 'zeta', 'eta'] });
    for (const channelId of channels) {
      const [digest] = await waitFor(
        () => digests(h, channelId).length > 0 && digests(h, channelId),
        15_000,
        'a digest',
      );
      expect(changesIn(digest as StandinMessage)).toEqual({
        added: ['epsilon', 'eta', 'zeta'],
        removed: ['delta'],
      });
      expect(h.standin.pings((digest as StandinMessage).id)).toEqual({
        users: [],
        roles: [],
        everyone: false,
      });
    }
    // A graceful stop lets anything in flight land: still one digest per server.
    await stopAll(h);
    for (const channelId of channels) expect(digests(h, channelId)).toHaveLength(1);
  });

  it('a second reload within the interval waits for it, then one digest tells both changes', async () => {
    const { h, file } = await start();
    const { channelId } = await setUpdates(h, 0);
    await reloadWith(h, file, { ...BASE, Databases: [...BASE.Databases, 'first'] });
    const [first] = await waitFor(
      () => digests(h, channelId).length > 0 && digests(h, channelId),
      15_000,
      'a digest',
    );
    await reloadWith(h, file, { ...BASE, Databases: [...BASE.Databases, 'first', 'second'] });
    await reloadWith(h, file, { ...BASE, Databases: [...BASE.Databases, 'first', 'second', 'third'] });
    const second = await waitFor(() => digests(h, channelId)[1], 15_000, 'a second digest');
    expect(changesIn(first as StandinMessage)).toEqual({ added: ['first'], removed: [] });
    expect(changesIn(second)).toEqual({ added: ['second', 'third'], removed: [] });
    const [claimedLast, claimedFirst] = await h.app.store.recentDigests(h.standin.guilds[0]?.id ?? '', 2);
    const gap = (claimedLast?.claimedAt.getTime() ?? 0) - (claimedFirst?.claimedAt.getTime() ?? 0);
    expect(gap).toBeGreaterThanOrEqual(INTERVAL_MS);
    await stopAll(h);
    expect(digests(h, channelId)).toHaveLength(2);
  });

  it('tells a server that follows a category only the changes in it', async () => {
    const { h, file } = await start();
    const { channelId } = await setUpdates(h, 0, { category: 'consensus' });
    await reloadWith(h, file, { Databases: [...BASE.Databases, 'omega'], Consensus: BASE.Consensus });
    await reloadWith(h, file, {
      Databases: [...BASE.Databases, 'omega'],
      Consensus: ['raft-one', 'paxos-two', 'zab-three', 'viewstamped'],
    });
    const [digest] = await waitFor(
      () => digests(h, channelId).length > 0 && digests(h, channelId),
      15_000,
      'a digest',
    );
    expect(changesIn(digest as StandinMessage)).toEqual({ added: ['viewstamped'], removed: [] });
    await stopAll(h);
    expect(digests(h, channelId)).toHaveLength(1);
  });

  it('pings the chosen role and nobody else, whatever the list text says', async () => {
    const { h, file } = await start();
    const guildId = h.standin.guilds[0]?.id ?? '';
    const roleId = h.standin.addRole(guildId, 'list-watchers');
    const otherRole = h.standin.addRole(guildId, 'everyone-else');
    const { channelId } = await setUpdates(h, 0, { role: roleId });
    writeFileSync(
      file,
      `# Test list\n\n## Databases\n\n- [alpha](https://github.com/x/alpha) - a\n- [beta](https://github.com/x/beta) - b\n- [gamma](https://github.com/x/gamma) - c\n- [delta](https://github.com/x/delta) - d\n- [loud](https://github.com/x/loud) - <@&${otherRole}> @everyone <@400000000000000001>\n\n## Consensus\n\n- [raft-one](https://github.com/x/raft-one) - r\n- [paxos-two](https://github.com/x/paxos-two) - p\n- [zab-three](https://github.com/x/zab-three) - z\n`,
    );
    await h.app.catalog.reload({ reason: 'SIGHUP' });
    const [digest] = await waitFor(
      () => digests(h, channelId).length > 0 && digests(h, channelId),
      15_000,
      'a digest',
    );
    expect(h.standin.pings((digest as StandinMessage).id)).toEqual({
      users: [],
      roles: [roleId],
      everyone: false,
    });
  });

  it('after changes made while dsp was down, posts one digest at start', async () => {
    const { h, file } = await start();
    const { channelId } = await setUpdates(h, 0);
    await h.app.stop();
    writeList(file, { ...BASE, Consensus: ['raft-one', 'paxos-two', 'chain'] });
    await h.restart();
    const [digest] = await waitFor(
      () => digests(h, channelId).length > 0 && digests(h, channelId),
      15_000,
      'a digest',
    );
    expect(changesIn(digest as StandinMessage)).toEqual({ added: ['chain'], removed: ['zab-three'] });
    await stopAll(h);
    expect(digests(h, channelId)).toHaveLength(1);
  });
});

describe('list updates in a channel dsp cannot post in', () => {
  it('pause, keep the settings, and status says why and how to resume', async () => {
    const { h, file } = await start();
    const { channelId, guildId } = await setUpdates(h, 0);
    h.standin.denySend(channelId);
    await reloadWith(h, file, { ...BASE, Databases: [...BASE.Databases, 'blocked'] });
    await waitFor(
      () => h.logs.some((line) => String(line.msg ?? '').includes('updates digests paused')),
      15_000,
      'a pause',
    );
    const answer = await h.standin
      .slash({
        guildId,
        name: 'dsp-admin',
        group: 'updates',
        subcommand: 'status',
        memberPermissions: ['ManageGuild'],
      })
      .waitForResponse();
    const text = allText(answer);
    expect(text).toMatch(/List updates: paused/);
    expect(text).toMatch(/Send Messages/);
    expect(text).toMatch(/How to resume/);
    expect(text).toMatch(/dsp-admin updates set/);
    expect(digests(h, channelId)).toHaveLength(0);
    expect(await h.app.store.getUpdates(guildId)).toMatchObject({
      enabled: true,
      pausedReason: 'missing-permissions',
    });
  });
});

describe('list updates with thread:true', () => {
  it('opens one thread per digest, auto-archived after a week, and still one after a failed try', async () => {
    const { h, file } = await start(1, THREAD_PERMISSIONS);
    const { channelId } = await setUpdates(h, 0, { thread: true });
    h.standin.injectFaults({
      method: 'POST',
      path: /^\/channels\/\d+\/messages\/\d+\/threads$/,
      status: 500,
      count: 1,
    });
    await reloadWith(h, file, { ...BASE, Databases: [...BASE.Databases, 'threaded'] });
    const thread = await h.standin.waitForThread(channelId, () => true, 30_000);
    const [digest] = digests(h, channelId);
    expect(thread).toMatchObject({
      id: digest?.id,
      name: expect.stringMatching(/^List updates — \d{4}-\d{2}-\d{2}$/),
    });
    expect((thread.thread_metadata as Json).auto_archive_duration).toBe(10_080);
    await stopAll(h);
    expect(h.standin.threads(channelId)).toHaveLength(1);
    const tries = h.standin.requests.filter(
      (request) => request.method === 'POST' && request.path.endsWith('/threads'),
    );
    expect(tries.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses thread:true where dsp cannot create threads, naming the permission', async () => {
    const { h } = await start();
    // Without Create Public Threads (the default role's permissions).
    const channelId = h.standin.guilds[0]?.channelIds[0] ?? '';
    const answer = await h.standin
      .slash({
        name: 'dsp-admin',
        group: 'updates',
        subcommand: 'set',
        options: { channel: channelId, thread: true },
        memberPermissions: ['ManageGuild'],
      })
      .waitForResponse();
    expect(answer.content).toMatch(/Not saved: .*\*\*Create Public Threads\*\*/);
    expect(await h.app.store.getUpdates(h.standin.guilds[0]?.id ?? '')).toBeUndefined();
  });
});
