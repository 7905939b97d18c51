/**
 * Featured posts and update digests in a forum channel end to end (issue 15 §2): each becomes a
 * forum post titled after its project (or "List updates — <date>"), with the forum tag named like
 * its category, one per period or digest.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StandinMessage } from '../../tools/discord-standin/index.js';
import { postMarker } from '../../src/featured/marker.js';
import { parseDigestMarker } from '../../src/updates/marker.js';
import { tempDir } from '../support/temp-dir.js';
import { startHarness, TOKEN, waitFor, type Harness } from './harness.js';
import { periodOf } from './posts.js';
import { allText, titleOf } from './read-message.js';

type Json = Record<string, unknown>;

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

function writeList(file: string, names: string[]): void {
  const lines = names.map((name) => `- [${name}](https://github.com/x/${name}) - about ${name}`);
  writeFileSync(file, ['# Forum list', '', '## Databases', '', ...lines, ''].join('\n'));
}

async function startWithForum() {
  const file = join(tempDir('dsp-forum'), 'list.md');
  writeList(file, ['alpha', 'beta', 'gamma']);
  harness = await startHarness({
    env: { LIST_SOURCE: file, FEATURED_MIN_INTERVAL: '1', UPDATES_MIN_INTERVAL: '1s' },
    standin: {
      guilds: [
        {
          name: 'Forum guild',
          channels: [
            { name: 'general' },
            { name: 'finds', kind: 'forum', availableTags: ['Queues', 'Databases'] },
          ],
        },
      ],
    },
  });
  const h = harness;
  const forumId = h.standin.guilds[0]?.channelIds[1] ?? '';
  const databasesTag = h.standin.forumTags(forumId).find((tag) => tag.name === 'Databases')?.id;
  return { h, file, forumId, databasesTag };
}

/** Each forum post with its first message. */
function forumPosts(h: Harness, forumId: string): { post: Json; starter: StandinMessage | undefined }[] {
  return h.standin.threads(forumId).map((post) => ({
    post,
    starter: h.standin.channelMessages(String(post.id))[0],
  }));
}

/** A forum post made with dsp's token, as dsp makes them (a marker in its embed's footer); its id. */
async function postAsDsp(h: Harness, forumId: string, name: string, marker: string): Promise<string> {
  const response = await fetch(`${h.standin.apiUrl}/v10/channels/${forumId}/threads`, {
    method: 'POST',
    headers: { Authorization: `Bot ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, message: { embeds: [{ title: name, footer: { text: marker } }] } }),
  });
  expect(response.status).toBe(201);
  return String(((await response.json()) as Json).id);
}

function adminSet(h: Harness, group: string, options: Record<string, string | boolean>) {
  return h.standin
    .slash({ name: 'dsp-admin', group, subcommand: 'set', options, memberPermissions: ['ManageGuild'] })
    .waitForResponse();
}

describe('a forum channel', () => {
  it('gets one featured forum post per period, titled after the project and tagged with its category', async () => {
    const { h, forumId, databasesTag } = await startWithForum();
    const answer = await adminSet(h, 'featured', {
      channel: forumId,
      schedule: '*/2 * * * * *',
      timezone: 'UTC',
    });
    expect(allText(answer)).toMatch(/Featured posts are on/);
    await waitFor(() => h.standin.threads(forumId).length >= 2, 30_000, 'two forum posts');
    await h.app.stop();
    const posts = forumPosts(h, forumId);
    const periods = posts.map(({ starter }) => periodOf(starter ?? {}));
    expect(periods.every((period) => period !== undefined)).toBe(true);
    expect(new Set(periods).size).toBe(posts.length);
    for (const { post, starter } of posts) {
      expect(['alpha', 'beta', 'gamma']).toContain(post.name);
      expect(titleOf(starter ?? {})).toContain(String(post.name));
      expect(post.applied_tags).toEqual([databasesTag]);
    }
    await h.restart();
  });

  it('recovers a featured forum post a crash left unrecorded by its marker, without a second post', async () => {
    const { h, forumId } = await startWithForum();
    // A yearly schedule: nothing else is posted while the test runs.
    await adminSet(h, 'featured', { channel: forumId, schedule: '0 0 1 1 *', timezone: 'UTC' });
    const period = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000).toISOString();
    const guildId = h.standin.guilds[0]?.id ?? '';
    // The crash: the claim is in the store, the post reached the forum, its message id was never
    // recorded. A newer post of another period sits above it in the forum.
    await h.app.store.claimPost({
      guildId,
      periodKey: period,
      channelId: forumId,
      entryId: 'beta',
      cycle: 1,
      claimedAt: new Date(period),
      claimant: 'killed-process',
    });
    const planted = await postAsDsp(h, forumId, 'beta', postMarker(period));
    await postAsDsp(h, forumId, 'gamma', postMarker('2020-01-06T00:00:00.000Z'));

    const outcomes = await h.app.scheduler.catchUp();
    expect(outcomes.get(`${guildId}|${period}`)).toEqual({
      status: 'recovered',
      messageId: planted,
    });
    expect((await h.app.store.getPost(guildId, period))?.messageId).toBe(planted);
    await h.app.stop();
    expect(h.standin.threads(forumId).map((post) => post.name)).toEqual(['beta', 'gamma']);
    await h.restart();
  });

  it('gets an update digest as a forum post titled "List updates — <date>"', async () => {
    const { h, file, forumId, databasesTag } = await startWithForum();
    const answer = await adminSet(h, 'updates', { channel: forumId, category: 'Databases' });
    expect(allText(answer)).toMatch(/List updates are on/);
    writeList(file, ['alpha', 'beta', 'gamma', 'delta']);
    await h.app.catalog.reload({ reason: 'SIGHUP' });
    const [only] = await waitFor(
      () => forumPosts(h, forumId).length > 0 && forumPosts(h, forumId),
      15_000,
      'a post',
    );
    expect(only?.post.name).toMatch(/^List updates — \d{4}-\d{2}-\d{2}$/);
    expect(only?.post.applied_tags).toEqual([databasesTag]);
    const starter = only?.starter as StandinMessage;
    expect(parseDigestMarker(allText(starter))).toBeDefined();
    expect(allText(starter)).toContain('delta');
    await h.app.stop();
    expect(h.standin.threads(forumId)).toHaveLength(1);
    await h.restart();
  });
});
