import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessagePayload } from '../../src/contracts/payload.js';
import { postMarker } from '../../src/featured/marker.js';
import { FeaturedScheduler } from '../../src/featured/scheduler.js';
import type { FeaturedSchedulerOptions } from '../../src/featured/scheduler.js';
import type { CronFactory, Sleep } from '../../src/featured/types.js';
import type { BuildPostContext } from '../../src/contracts/featured.js';
import type { Entry } from '../../src/list/types.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { FeaturedSettingsInput, Store } from '../../src/store/types.js';
import { entry } from '../support/entry.js';
import { FakePoster } from '../support/fake-poster.js';
import { seededRng } from '../support/random.js';
import { silentLogger } from '../support/silent-logger.js';

const WEEKLY = '0 15 * * 1';
const BERLIN = 'Europe/Berlin';
/** Monday 30 Nov 2026, 15:00 in Berlin (CET). */
const FIRE = new Date('2026-11-30T14:00:00.000Z');
const PERIOD = FIRE.toISOString();

let dir: string;
let stores: Store[];
let schedulers: FeaturedScheduler[];
let clock: { now: Date };
let entries: Entry[];
let builtWith: { entry: Entry; context: BuildPostContext }[];

/** A sleep that advances the fake clock instead of waiting. */
const clockSleep: Sleep = async (ms) => {
  clock.now = new Date(clock.now.getTime() + ms);
};

function openStore(): Store {
  const store = openSqliteStore(dir);
  stores.push(store);
  return store;
}

function buildPost(chosen: Entry, context: BuildPostContext): MessagePayload {
  builtWith.push({ entry: chosen, context });
  return {
    embeds: [{ title: chosen.name, footer: { text: context.marker } }],
    allowedMentions: { parse: [] },
  };
}

function makeScheduler(
  store: Store,
  poster: FakePoster,
  options: FeaturedSchedulerOptions = {},
  extra: { cron?: CronFactory; claimant?: string; rng?: () => number } = {},
): FeaturedScheduler {
  const scheduler = new FeaturedScheduler({
    store,
    poster,
    buildPost,
    logger: silentLogger,
    catalog: () => ({ doc: { title: 'test', categories: [], entries, diagnostics: [] } }),
    now: () => clock.now,
    rng: extra.rng ?? seededRng(7),
    cron: extra.cron ?? (() => ({ stop: () => {} })),
    ...(extra.claimant ? { claimant: extra.claimant } : {}),
    options: { sleep: clockSleep, retry: { attempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000 }, ...options },
  });
  schedulers.push(scheduler);
  return scheduler;
}

function guild(guildId: string, overrides: Partial<FeaturedSettingsInput> = {}): FeaturedSettingsInput {
  return {
    guildId,
    channelId: `chan-${guildId}`,
    schedule: WEEKLY,
    timezone: BERLIN,
    enabled: true,
    updatedAt: new Date('2026-11-01T00:00:00Z'),
    ...overrides,
  };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dsp-featured-'));
  stores = [];
  schedulers = [];
  clock = { now: new Date(FIRE.getTime() + 1000) };
  entries = ['etcd', 'raft', 'zookeeper', 'consul', 'nats'].map((id) => entry(id));
  builtWith = [];
});

afterEach(async () => {
  for (const scheduler of schedulers) await scheduler.stop();
  for (const store of stores) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('triggers', () => {
  it('registers one trigger per distinct schedule and timezone, plus the sweep, and refresh follows changes', async () => {
    const store = openStore();
    await store.saveFeatured(guild('g1'));
    await store.saveFeatured(guild('g2'));
    await store.saveFeatured(guild('g3', { timezone: 'America/New_York' }));
    const created: { expression: string; timezone: string; stopped: boolean }[] = [];
    const cron: CronFactory = (expression, _onTick, { timezone }) => {
      const task = { expression, timezone, stopped: false };
      created.push(task);
      return { stop: () => void (task.stopped = true) };
    };
    const scheduler = makeScheduler(store, new FakePoster(), {}, { cron });
    await scheduler.start();
    expect(scheduler.triggerCount).toBe(2);
    expect(created.map((t) => `${t.expression}@${t.timezone}`).sort()).toEqual([
      '*/5 * * * *@UTC',
      `${WEEKLY}@America/New_York`,
      `${WEEKLY}@${BERLIN}`,
    ]);
    await store.disableFeatured('g3');
    await scheduler.refresh();
    expect(scheduler.triggerCount).toBe(1);
    expect(created.find((t) => t.timezone === 'America/New_York')?.stopped).toBe(true);
  });

  it('a tick posts the period the trigger fired for', async () => {
    const store = openStore();
    await store.saveFeatured(guild('g1'));
    const ticks: (() => void)[] = [];
    const poster = new FakePoster();
    const scheduler = makeScheduler(
      store,
      poster,
      { sweepCron: null },
      {
        cron: (_expression, onTick) => {
          ticks.push(onTick);
          return { stop: () => {} };
        },
      },
    );
    await scheduler.start();
    clock.now = new Date(FIRE.getTime() + 40); // node-cron ticks a few ms late
    ticks[0]?.();
    await vi.waitFor(async () => expect((await store.getPost('g1', PERIOD))?.messageId).toBe('m1'));
    expect(poster.sent).toHaveLength(1);
  });
});

describe('with the real node-cron trigger', () => {
  it('posts for the instant node-cron fired for, once, and stops cleanly', async () => {
    const store = openStore();
    await store.saveFeatured(
      guild('g1', { schedule: '* * * * * *', timezone: 'UTC', updatedAt: new Date(0) }),
    );
    const poster = new FakePoster();
    const scheduler = new FeaturedScheduler({
      store,
      poster,
      buildPost,
      logger: silentLogger,
      catalog: () => ({ doc: { title: 'test', categories: [], entries, diagnostics: [] } }),
      options: { sweepCron: null },
    });
    schedulers.push(scheduler);
    await scheduler.start();
    await vi.waitFor(() => expect(poster.sent.length).toBeGreaterThan(0), { timeout: 5000, interval: 50 });
    await scheduler.stop();
    const posts = await store.recentPosts('g1', 100);
    expect(posts.length).toBe(poster.sent.length);
    for (const post of posts) expect(post.periodKey).toMatch(/:\d{2}\.000Z$/);
    const sentAfterStop = poster.sent.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(poster.sent.length).toBe(sentAfterStop);
  });
});

describe('exactly once', () => {
  it('sends one post per period even when the period runs twice concurrently', async () => {
    const store = openStore();
    await store.saveFeatured(guild('g1'));
    const poster = new FakePoster();
    const scheduler = makeScheduler(store, poster);
    await Promise.all([scheduler.runPeriod(WEEKLY, BERLIN, FIRE), scheduler.runPeriod(WEEKLY, BERLIN, FIRE)]);
    await scheduler.runPeriod(WEEKLY, BERLIN, FIRE);
    expect(poster.sent).toHaveLength(1);
    expect(await store.getPost('g1', PERIOD)).toMatchObject({ messageId: 'm1', channelId: 'chan-g1' });
  });

  it('sends one post per period from two scheduler instances sharing one SQLite file', async () => {
    const storeA = openStore();
    const storeB = openStore();
    for (const id of ['g1', 'g2', 'g3']) await storeA.saveFeatured(guild(id));
    const poster = new FakePoster();
    const a = makeScheduler(storeA, poster, {}, { claimant: 'a' });
    const b = makeScheduler(storeB, poster, {}, { claimant: 'b' });
    await Promise.all([
      a.runPeriod(WEEKLY, BERLIN, FIRE),
      b.runPeriod(WEEKLY, BERLIN, FIRE),
      a.catchUp(),
      b.catchUp(),
    ]);
    expect(poster.sent.map((m) => m.channelId).sort()).toEqual(['chan-g1', 'chan-g2', 'chan-g3']);
  });

  it('sends with a deterministic nonce and the marker in the footer', async () => {
    const store = openStore();
    await store.saveFeatured(guild('g1'));
    const poster = new FakePoster();
    await makeScheduler(store, poster).runPeriod(WEEKLY, BERLIN, FIRE);
    const [message] = poster.sent;
    expect(message?.nonce.length).toBeLessThanOrEqual(25);
    expect(message?.payload.embeds?.[0]?.footer?.text).toBe(postMarker(PERIOD));
  });
});

describe('recovery after a crash between claim and send', () => {
  async function crashedClaim(store: Store): Promise<void> {
    await store.saveFeatured(guild('g1'));
    await store.claimPost({
      guildId: 'g1',
      periodKey: PERIOD,
      channelId: 'chan-g1',
      entryId: 'raft',
      cycle: 1,
      claimedAt: FIRE,
      claimant: 'dead-process',
    });
    clock.now = new Date(FIRE.getTime() + 10 * 60_000);
  }

  it('finds the marked post in the channel and records it without sending again', async () => {
    const store = openStore();
    await crashedClaim(store);
    const poster = new FakePoster();
    poster.plantPost('chan-g1', PERIOD, 'already-there');
    const outcomes = await makeScheduler(store, poster).catchUp();
    expect(poster.sent).toHaveLength(0);
    expect([...outcomes.values()]).toEqual([{ status: 'recovered', messageId: 'already-there' }]);
    expect((await store.getPost('g1', PERIOD))?.messageId).toBe('already-there');
  });

  it('sends once when the marker is not in the channel, with the claimed entry', async () => {
    const store = openStore();
    await crashedClaim(store);
    const poster = new FakePoster();
    const scheduler = makeScheduler(store, poster);
    await scheduler.catchUp();
    await scheduler.catchUp();
    await makeScheduler(store, poster).catchUp();
    expect(poster.sent).toHaveLength(1);
    expect(builtWith.map((b) => b.entry.id)).toEqual(['raft']);
    expect(poster.lookups).toContain('chan-g1');
  });

  describe('with thread:true, the recovered post gets the thread the crash kept it from', () => {
    async function recover(setup: () => void): Promise<FakePoster> {
      const store = openStore();
      await crashedClaim(store);
      await store.saveFeatured(guild('g1', { thread: true }));
      setup();
      const poster = new FakePoster();
      poster.plantPost('chan-g1', PERIOD, 'already-there');
      expect([...(await makeScheduler(store, poster).catchUp()).values()]).toEqual([
        { status: 'recovered', messageId: 'already-there' },
      ]);
      expect(poster.sent).toHaveLength(0);
      return poster;
    }

    it('found while the period is still due', async () => {
      const poster = await recover(() => {});
      expect([...poster.threads]).toEqual([['already-there', 'raft']]);
    });

    it('found after the catch-up window, when the stale claim is only settled', async () => {
      const poster = await recover(() => {
        clock.now = new Date(FIRE.getTime() + 7 * 3600_000);
      });
      expect([...poster.threads]).toEqual([['already-there', 'raft']]);
    });

    it('found after its project left the list, named after the claimed entry', async () => {
      const poster = await recover(() => {
        entries = entries.filter((candidate) => candidate.id !== 'raft');
      });
      expect([...poster.threads]).toEqual([['already-there', 'raft']]);
    });
  });

  it('leaves a fresh claim of another live process alone', async () => {
    const store = openStore();
    await crashedClaim(store);
    clock.now = new Date(FIRE.getTime() + 30_000);
    const poster = new FakePoster();
    const outcomes = await makeScheduler(store, poster).catchUp();
    expect(poster.sent).toHaveLength(0);
    expect([...outcomes.values()]).toEqual([{ status: 'claimed-elsewhere' }]);
  });
});

describe('catch-up of a missed period', () => {
  it('posts a missed period younger than the window once, however often catch-up runs', async () => {
    const store = openStore();
    await store.saveFeatured(guild('g1'));
    clock.now = new Date(FIRE.getTime() + 2 * 3600_000);
    const poster = new FakePoster();
    const scheduler = makeScheduler(store, poster);
    await scheduler.catchUp();
    await scheduler.catchUp();
    await makeScheduler(openStore(), poster).catchUp();
    expect(poster.sent).toHaveLength(1);
    expect((await store.latestPost('g1'))?.periodKey).toBe(PERIOD);
  });

  it('does not post a missed period older than the window', async () => {
    const store = openStore();
    await store.saveFeatured(guild('g1'));
    clock.now = new Date(FIRE.getTime() + 7 * 3600_000);
    const poster = new FakePoster();
    await makeScheduler(store, poster).catchUp();
    expect(poster.sent).toHaveLength(0);
  });

  it('does not post a period that fired before the guild set featured up', async () => {
    const store = openStore();
    await store.saveFeatured(guild('g1', { updatedAt: new Date(FIRE.getTime() + 60_000) }));
    clock.now = new Date(FIRE.getTime() + 3600_000);
    const poster = new FakePoster();
    await makeScheduler(store, poster).catchUp();
    expect(poster.sent).toHaveLength(0);
  });

  it('posts the 02:30 daily on the spring-forward day at 03:00 local via the sweep (node-cron never ticks)', async () => {
    const store = openStore();
    await store.saveFeatured(guild('g1', { schedule: '0 30 2 * * *' }));
    clock.now = new Date('2027-03-28T01:04:00Z'); // 03:04 CEST, first sweep after the shifted fire
    const poster = new FakePoster();
    await makeScheduler(store, poster).catchUp();
    expect((await store.latestPost('g1'))?.periodKey).toBe('2027-03-28T01:00:00.000Z');
    expect(poster.sent).toHaveLength(1);
  });
});

describe('delivery errors', () => {
  it.each([
    [{ status: 403, code: 50001 }, 'missing-access'],
    [{ status: 403, code: 50013 }, 'missing-permissions'],
    [{ status: 404, code: 10003 }, 'unknown-channel'],
  ])(
    'pauses the guild on %o with reason %s, keeps its settings, and does not retry',
    async (error, reason) => {
      const store = openStore();
      await store.saveFeatured(guild('g1'));
      const poster = new FakePoster();
      poster.failures.set('chan-g1', [error, error, error]);
      const outcomes = await makeScheduler(store, poster).runPeriod(WEEKLY, BERLIN, FIRE);
      expect(outcomes.get('g1')).toEqual({ status: 'paused', reason });
      expect(poster.failures.get('chan-g1')).toHaveLength(2); // exactly one attempt consumed
      expect(await store.getFeatured('g1')).toMatchObject({
        pausedReason: reason,
        channelId: 'chan-g1',
        enabled: true,
      });
      expect(await store.listActiveFeatured()).toEqual([]);
    },
  );

  it('retries 500, 500 and then posts once, checking the channel before each resend', async () => {
    const store = openStore();
    await store.saveFeatured(guild('g1'));
    const poster = new FakePoster();
    poster.failures.set('chan-g1', [{ status: 500 }, { status: 500 }]);
    const outcomes = await makeScheduler(store, poster).runPeriod(WEEKLY, BERLIN, FIRE);
    expect(outcomes.get('g1')).toEqual({ status: 'sent', messageId: 'm1' });
    expect(poster.sent).toHaveLength(1);
    expect(poster.lookups).toHaveLength(2);
  });

  it('does not resend when a timed-out send had in fact been posted', async () => {
    const store = openStore();
    await store.saveFeatured(guild('g1'));
    const poster = new FakePoster();
    const original = poster.send.bind(poster);
    let calls = 0;
    poster.send = async (channelId, payload, options) => {
      calls++;
      const result = await original(channelId, payload, options);
      return calls === 1
        ? { ok: false, error: Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }) }
        : result;
    };
    const outcomes = await makeScheduler(store, poster).runPeriod(WEEKLY, BERLIN, FIRE);
    expect(calls).toBe(1);
    expect(outcomes.get('g1')).toEqual({ status: 'recovered', messageId: 'm1' });
  });

  it('gives up when retries would run into the next period, and the next period posts normally', async () => {
    const store = openStore();
    await store.saveFeatured(guild('g1', { schedule: '*/5 * * * *', timezone: 'UTC' }));
    const fire = new Date('2026-11-30T14:00:00Z');
    clock.now = fire;
    const poster = new FakePoster();
    poster.failures.set(
      'chan-g1',
      Array.from({ length: 20 }, () => ({ status: 502 })),
    );
    const scheduler = makeScheduler(store, poster, {
      retry: { attempts: 20, baseDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    const first = await scheduler.runPeriod('*/5 * * * *', 'UTC', fire);
    expect(first.get('g1')).toMatchObject({ status: 'failed' });
    expect(poster.failures.get('chan-g1')?.length).toBeGreaterThan(14); // stopped well before 20 tries
    poster.failures.set('chan-g1', []);
    const next = new Date('2026-11-30T14:05:00Z');
    clock.now = next;
    const second = await scheduler.runPeriod('*/5 * * * *', 'UTC', next);
    expect(second.get('g1')).toMatchObject({ status: 'sent' });
    expect(await store.listActiveFeatured()).toHaveLength(1);
  });

  it("one guild's repeated 500s do not delay another guild's post", async () => {
    const store = openStore();
    await store.saveFeatured(guild('g1'));
    await store.saveFeatured(guild('g2'));
    const poster = new FakePoster();
    poster.failures.set(
      'chan-g1',
      Array.from({ length: 10 }, () => ({ status: 500 })),
    );
    // g1's back-off never ends on its own: only stop() interrupts it.
    const hangingSleep: Sleep = (_ms, signal) =>
      new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
    const scheduler = makeScheduler(store, poster, { sleep: hangingSleep, concurrency: 1 });
    const run = scheduler.runPeriod(WEEKLY, BERLIN, FIRE);
    await vi.waitFor(async () => expect((await store.getPost('g2', PERIOD))?.messageId).toBeDefined());
    expect(poster.sentTo('chan-g1')).toHaveLength(0);
    await scheduler.stop();
    const outcomes = await run;
    expect(outcomes.get('g1')).toEqual({ status: 'stopped' });
    expect(outcomes.get('g2')).toMatchObject({ status: 'sent' });

    // The interrupted claim was released: the next process recovers it at once, and sends once.
    poster.failures.set('chan-g1', []);
    const restarted = makeScheduler(store, poster);
    await restarted.catchUp();
    await restarted.catchUp();
    expect(poster.sentTo('chan-g1')).toHaveLength(1);
    expect(poster.sentTo('chan-g2')).toHaveLength(1);
  });
});

describe('rotation and content', () => {
  it('features each of 5 entries once over 5 weeks, across restarts with a shared store', async () => {
    const store = openStore();
    await store.saveFeatured(guild('g1'));
    const poster = new FakePoster();
    for (let week = 0; week < 6; week++) {
      const fire = new Date(FIRE.getTime() + week * 7 * 24 * 3600_000);
      clock.now = fire;
      const scheduler = makeScheduler(store, poster, {}, { rng: seededRng(week + 100) });
      await scheduler.runPeriod(WEEKLY, BERLIN, fire);
      await scheduler.stop();
    }
    const featured = builtWith.map((b) => b.entry.id);
    expect(new Set(featured.slice(0, 5)).size).toBe(5);
    expect((await store.featuredInCycle('g1')).cycle).toBe(2);
  });

  it('tells the post which entries are new since the previous post', async () => {
    const store = openStore();
    await store.saveFeatured(guild('g1'));
    const poster = new FakePoster();
    const scheduler = makeScheduler(store, poster);
    await scheduler.runPeriod(WEEKLY, BERLIN, FIRE);
    expect(builtWith[0]?.context.newEntries).toEqual([]);
    entries = [...entries, entry('tigerbeetle'), entry('legacy', { archived: true })];
    clock.now = new Date(FIRE.getTime() + 3 * 24 * 3600_000);
    await scheduler.noteCatalogEntries();
    const nextWeek = new Date(FIRE.getTime() + 7 * 24 * 3600_000);
    clock.now = nextWeek;
    await scheduler.runPeriod(WEEKLY, BERLIN, nextWeek);
    expect(builtWith[1]?.context.newEntries.map((e) => e.id)).toEqual(['tigerbeetle']);
  });

  it('previews the next post without claiming it', async () => {
    const store = openStore();
    await store.saveFeatured(guild('g1'));
    const poster = new FakePoster();
    const preview = await makeScheduler(store, poster).preview('g1');
    expect(preview?.periodKey).toBe('2026-12-07T14:00:00.000Z');
    expect(preview?.payload.embeds?.[0]?.footer?.text).toBe(postMarker('2026-12-07T14:00:00.000Z'));
    expect(await store.latestPost('g1')).toBeUndefined();
    expect(poster.sent).toHaveLength(0);
    expect(await makeScheduler(store, poster).preview('unknown')).toBeUndefined();
  });
});
