/**
 * Featured posts and update digests in a forum channel end to end (issue 15 §2): each becomes a
 * forum post titled after its project (or "List updates — <date>"), with the forum tag named like
 * its category, one per period or digest.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StandinMessage } from '../../tools/discord-standin/index.js';
import { parseDigestMarker } from '../../src/updates/marker.js';
import { tempDir } from '../support/temp-dir.js';
import { startHarness, waitFor, type Harness } from './harness.js';
import { periodOf } from './posts.js';

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
    expect(JSON.stringify(answer.embeds)).toMatch(/Featured posts are on/);
    await waitFor(() => h.standin.threads(forumId).length >= 2, 30_000, 'two forum posts');
    await h.app.stop();
    const posts = forumPosts(h, forumId);
    const periods = posts.map(({ starter }) => periodOf(starter ?? {}));
    expect(periods.every((period) => period !== undefined)).toBe(true);
    expect(new Set(periods).size).toBe(posts.length);
    for (const { post, starter } of posts) {
      expect(['alpha', 'beta', 'gamma']).toContain(post.name);
      expect(String(((starter?.embeds as Json[])[0] ?? {}).title)).toContain(String(post.name));
      expect(post.applied_tags).toEqual([databasesTag]);
    }
    await h.restart();
  });

  it('gets an update digest as a forum post titled "List updates — <date>"', async () => {
    const { h, file, forumId, databasesTag } = await startWithForum();
    const answer = await adminSet(h, 'updates', { channel: forumId, category: 'Databases' });
    expect(JSON.stringify(answer.embeds)).toMatch(/List updates are on/);
    writeList(file, ['alpha', 'beta', 'gamma', 'delta']);
    await h.app.catalog.reload({ reason: 'SIGHUP' });
    const [only] = await waitFor(
      () => forumPosts(h, forumId).length > 0 && forumPosts(h, forumId),
      15_000,
      'a post',
    );
    expect(only?.post.name).toMatch(/^List updates — \d{4}-\d{2}-\d{2}$/);
    expect(only?.post.applied_tags).toEqual([databasesTag]);
    const footer = String((((only?.starter?.embeds as Json[])[0] ?? {}).footer as Json).text);
    expect(parseDigestMarker(footer)).toBeDefined();
    expect(String(((only?.starter?.embeds as Json[])[0] ?? {}).description)).toContain('delta');
    await h.app.stop();
    expect(h.standin.threads(forumId)).toHaveLength(1);
    await h.restart();
  });
});
