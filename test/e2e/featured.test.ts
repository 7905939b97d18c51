/**
 * The weekly featured post end to end: set up through the real /dsp-admin command, fired by real
 * node-cron schedules (6-field, every few seconds), posted through the real client to the stand-in.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StandinMessage } from '../../tools/discord-standin/index.js';
import { startHarness, waitFor, type Harness } from './harness.js';
import { periodOf } from './posts.js';
import { allText, titleOf } from './read-message.js';

const FAST_ENV = { FEATURED_MIN_INTERVAL: '1' };

export function featuredPosts(harness: Harness, channelId: string): StandinMessage[] {
  return harness.standin.channelMessages(channelId).filter((message) => periodOf(message) !== undefined);
}

async function setFeatured(harness: Harness, schedule: string, timezone = 'UTC') {
  const guild = harness.standin.guilds[0];
  if (!guild) throw new Error('no guild');
  const channelId = guild.channelIds[0] ?? '';
  const result = harness.standin.slash({
    name: 'dsp-admin',
    group: 'featured',
    subcommand: 'set',
    options: { channel: channelId, schedule, timezone },
    memberPermissions: ['ManageGuild', 'ViewChannel', 'SendMessages'],
  });
  const answer = await result.waitForResponse();
  expect(result.ephemeral).toBe(true);
  return { channelId, guildId: guild.id, answer };
}

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe('featured posts', () => {
  it('posts exactly one message per period of a fast schedule', async () => {
    harness = await startHarness({ env: FAST_ENV });
    const { channelId, answer } = await setFeatured(harness, '*/2 * * * * *');
    expect(allText(answer)).toMatch(/<t:\d+:F>/);
    const h = harness;
    await waitFor(() => featuredPosts(h, channelId).length >= 3, 30_000, 'three featured posts');
    const periods = featuredPosts(h, channelId).map((message) => periodOf(message) ?? '');
    expect(new Set(periods).size).toBe(periods.length);
    const times = periods.map((period) => Date.parse(period)).sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBe(2000);
    const post = featuredPosts(h, channelId)[0];
    expect(JSON.stringify(post?.components)).toMatch(/More like this/);
  });

  it('features every project of a small list once before any repeats', async () => {
    const list = join(mkdtempSync(join(tmpdir(), 'dsp-small-')), 'small.md');
    writeFileSync(
      list,
      [
        '# Small list',
        '## Things',
        '- [alpha - first](https://github.com/x/alpha)',
        '- [beta - second](https://github.com/x/beta)',
        '- [gamma - third](https://github.com/x/gamma)',
        '- [delta - gone [Archived]](https://github.com/x/delta)',
        '',
      ].join('\n'),
    );
    harness = await startHarness({ env: { ...FAST_ENV, LIST_SOURCE: list } });
    const { channelId } = await setFeatured(harness, '*/1 * * * * *');
    const h = harness;
    await waitFor(() => featuredPosts(h, channelId).length >= 4, 15_000, 'four featured posts');
    const titles = featuredPosts(h, channelId).map(titleOf);
    const firstCycle = titles.slice(0, 3).map((title) => /alpha|beta|gamma|delta/.exec(title)?.[0]);
    expect(new Set(firstCycle)).toEqual(new Set(['alpha', 'beta', 'gamma']));
    expect(titles.join(' ')).not.toMatch(/delta/);
  });

  it('after a restart past missed periods, posts one catch-up and only one', async () => {
    harness = await startHarness({ env: FAST_ENV });
    const { channelId } = await setFeatured(harness, '*/2 * * * * *');
    const h = harness;
    await waitFor(() => featuredPosts(h, channelId).length >= 1, 10_000, 'a first post');
    await h.app.stop();
    const before = featuredPosts(h, channelId).length;
    const firstMissed = Math.floor(Date.now() / 2000) * 2000 + 2000;
    // Let two periods of the 2-second schedule pass while the bot is down.
    await waitFor(() => Date.now() > firstMissed + 2_500, 10_000, 'two missed periods');
    await h.restart();
    const restartedAt = Date.now();
    const periodsAfterStop = () =>
      featuredPosts(h, channelId)
        .slice(before)
        .map((message) => Date.parse(periodOf(message) ?? ''))
        .sort((a, b) => a - b);
    await waitFor(
      () => periodsAfterStop().some((period) => period > restartedAt),
      20_000,
      'a post on schedule after the restart',
    );
    // A graceful stop lets every delivery in flight land: nothing can be posted after this.
    await h.app.stop();
    const periods = periodsAfterStop();
    expect(new Set(periods).size).toBe(periods.length);
    // The latest missed period is posted late, the earlier missed ones are not, and from then on
    // every period is posted once: one unbroken run of periods that starts after the first missed one.
    expect(periods[0]).toBeLessThan(restartedAt);
    expect(periods[0]).toBeGreaterThan(firstMissed);
    for (let i = 1; i < periods.length; i++) expect((periods[i] ?? 0) - (periods[i - 1] ?? 0)).toBe(2000);
  });

  it('pauses when the channel becomes unwritable, keeps the settings, and status says why', async () => {
    harness = await startHarness({ env: FAST_ENV });
    const { channelId } = await setFeatured(harness, '*/2 * * * * *');
    const h = harness;
    h.standin.denySend(channelId);
    await waitFor(() => h.logs.some((line) => String(line.msg ?? '').includes('paus')), 15_000, 'a pause');
    const answer = await h.standin
      .slash({
        name: 'dsp-admin',
        group: 'featured',
        subcommand: 'status',
        memberPermissions: ['ManageGuild'],
      })
      .waitForResponse();
    const text = allText(answer);
    expect(text).toMatch(/[Pp]aused/);
    expect(text).toMatch(/Send Messages|permission/i);
    expect(text).toMatch(/resume/);
    expect(featuredPosts(h, channelId)).toHaveLength(0);
  });

  it('stops posting in a server that removed the bot, keeping its settings', async () => {
    harness = await startHarness({ env: FAST_ENV });
    const { guildId } = await setFeatured(harness, '*/2 * * * * *');
    const h = harness;
    h.standin.removeGuild(guildId);
    let stored = await h.app.store.getFeatured(guildId);
    const deadline = Date.now() + 20_000;
    while (stored?.enabled !== false && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      stored = await h.app.store.getFeatured(guildId);
    }
    expect(stored).toMatchObject({ enabled: false, schedule: '*/2 * * * * *' });
  });

  it('retries 500s and still posts once', async () => {
    harness = await startHarness({ env: FAST_ENV });
    const h = harness;
    const guild = h.standin.guilds[0];
    const channelId = guild?.channelIds[0] ?? '';
    h.standin.injectFaults({
      method: 'POST',
      path: new RegExp(`^/channels/${channelId}/messages$`),
      status: 500,
      count: 2,
    });
    await setFeatured(h, '0 0 * * * *');
    // The hourly period has not come yet; fire the current one by hand through the scheduler.
    const fire = new Date(Math.floor(Date.now() / 3600_000) * 3600_000 + 3600_000);
    await h.app.scheduler.runPeriod('0 0 * * * *', 'UTC', fire);
    const posts = featuredPosts(h, channelId);
    expect(posts).toHaveLength(1);
    const attempts = h.standin.requests.filter(
      (request) => request.method === 'POST' && request.path === `/channels/${channelId}/messages`,
    );
    expect(attempts.length).toBeGreaterThanOrEqual(3);
  });
});
