/**
 * Featured posts with thread:true end to end (issue 15 §2): each post opens one thread named after
 * its project, auto-archived after a week, and a failed try never makes a second.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, waitFor, type Harness } from './harness.js';
import { periodOf } from './posts.js';
import { THREAD_PERMISSIONS } from '../support/thread-permissions.js';
import { allText, titleOf } from './read-message.js';

type Json = Record<string, unknown>;

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe('featured posts with thread:true', () => {
  it('open one thread per post, named after the project, never two after a failed try', async () => {
    harness = await startHarness({
      env: { FEATURED_MIN_INTERVAL: '1' },
      standin: { guilds: [{ name: 'Threads', botPermissions: THREAD_PERMISSIONS }] },
    });
    const h = harness;
    const channelId = h.standin.guilds[0]?.channelIds[0] ?? '';
    h.standin.injectFaults({
      method: 'POST',
      path: /^\/channels\/\d+\/messages\/\d+\/threads$/,
      status: 500,
      count: 1,
    });
    const answer = await h.standin
      .slash({
        name: 'dsp-admin',
        group: 'featured',
        subcommand: 'set',
        options: { channel: channelId, schedule: '*/2 * * * * *', timezone: 'UTC', thread: true },
        memberPermissions: ['ManageGuild'],
      })
      .waitForResponse();
    expect(allText(answer)).toMatch(/Each post opens a thread/);
    await waitFor(() => h.standin.threads(channelId).length >= 2, 30_000, 'two threads');
    // A graceful stop lets anything in flight land.
    await h.app.stop();
    const posts = h.standin.channelMessages(channelId).filter((message) => periodOf(message) !== undefined);
    const threads = h.standin.threads(channelId);
    expect(threads.map((thread) => thread.id).sort()).toEqual(posts.map((post) => post.id).sort());
    for (const post of posts) {
      const thread = threads.find((candidate) => candidate.id === post.id) as Json;
      expect(titleOf(post)).toContain(String(thread.name));
      expect((thread.thread_metadata as Json).auto_archive_duration).toBe(10_080);
    }
    await h.restart();
  });
});
