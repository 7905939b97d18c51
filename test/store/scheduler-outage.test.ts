/**
 * The featured scheduler over a store whose database goes away: a post that cannot be claimed is
 * not sent, and the periodic sweep posts it once the database is back, still exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeaturedScheduler } from '../../src/featured/scheduler.js';
import type { FeaturedPoster } from '../../src/featured/types.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import { entry } from '../support/entry.js';
import { FakePoster } from '../support/fake-poster.js';
import { silentLogger } from '../support/silent-logger.js';

const WEEKLY = '0 15 * * 1';
const BERLIN = 'Europe/Berlin';
/** Monday 30 Nov 2026, 15:00 in Berlin. */
const FIRE = new Date('2026-11-30T14:00:00.000Z');
const PERIOD = FIRE.toISOString();

/** Wraps a store so the chosen methods reject like a lost PostgreSQL connection. */
function storeWithOutage(store: Store, isDown: (method: string) => boolean): Store {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        if (isDown(property)) return Promise.reject(new Error('Connection terminated unexpectedly'));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

let dir: string;
let store: Store;
let clock: { now: Date };
let schedulers: FeaturedScheduler[];

function makeScheduler(flaky: Store, poster: FeaturedPoster): FeaturedScheduler {
  const entries = ['etcd', 'raft', 'nats'].map((id) => entry(id));
  const scheduler = new FeaturedScheduler({
    store: flaky,
    poster,
    buildPost: (chosen, context) => ({
      embeds: [{ title: chosen.name, footer: { text: context.marker } }],
      allowedMentions: { parse: [] },
    }),
    logger: silentLogger,
    catalog: () => ({ doc: { title: 'test', categories: [], entries, diagnostics: [] } }),
    now: () => clock.now,
    cron: () => ({ stop: () => {} }),
    claimant: 'proc-a',
    options: { sweepCron: null },
  });
  schedulers.push(scheduler);
  return scheduler;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dsp-outage-'));
  store = openSqliteStore(dir);
  schedulers = [];
  clock = { now: new Date(FIRE.getTime() + 1000) };
  await store.saveFeatured({
    guildId: 'g1',
    channelId: 'c1',
    schedule: WEEKLY,
    timezone: BERLIN,
    enabled: true,
    updatedAt: new Date('2026-11-01T00:00:00Z'),
  });
});

afterEach(async () => {
  for (const scheduler of schedulers) await scheduler.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('featured posts while the database is unreachable', () => {
  it('a period that cannot be claimed is not posted, and the next sweep posts it once', async () => {
    let down = false;
    const poster = new FakePoster();
    const scheduler = makeScheduler(
      storeWithOutage(store, (method) => down && method === 'claimPost'),
      poster,
    );
    down = true;
    const atFire = await scheduler.runPeriod(WEEKLY, BERLIN, FIRE);
    expect(atFire.get('g1')?.status).toBe('failed');
    expect(poster.sent).toHaveLength(0);
    expect(await store.getPost('g1', PERIOD)).toBeUndefined();

    down = false;
    clock.now = new Date(FIRE.getTime() + 5 * 60_000);
    const swept = await scheduler.catchUp();
    expect(swept.get(`g1|${PERIOD}`)?.status).toBe('sent');
    await scheduler.catchUp();
    expect(poster.sent).toHaveLength(1);
    expect(await store.getPost('g1', PERIOD)).toMatchObject({ messageId: 'm1' });
  });

  it('a sweep while the database is still down changes nothing; a later one posts', async () => {
    let down = true;
    const poster = new FakePoster();
    const scheduler = makeScheduler(
      storeWithOutage(store, () => down),
      poster,
    );
    await expect(scheduler.catchUp()).rejects.toThrow(/Connection terminated/);
    expect(poster.sent).toHaveLength(0);
    down = false;
    clock.now = new Date(FIRE.getTime() + 10 * 60_000);
    await scheduler.catchUp();
    expect(poster.sent).toHaveLength(1);
  });

  it('a post sent just before the database went away is recorded later, never sent twice', async () => {
    let down = false;
    const poster = new FakePoster();
    poster.onSend = () => void (down = true);
    const scheduler = makeScheduler(
      storeWithOutage(store, () => down),
      poster,
    );
    const atFire = await scheduler.runPeriod(WEEKLY, BERLIN, FIRE);
    expect(atFire.get('g1')?.status).toBe('failed');
    expect(poster.sent).toHaveLength(1);

    down = false;
    poster.onSend = () => {};
    clock.now = new Date(FIRE.getTime() + 5 * 60_000);
    const swept = await scheduler.catchUp();
    expect(swept.get(`g1|${PERIOD}`)?.status).toBe('recovered');
    expect(poster.sent).toHaveLength(1);
    expect(await store.getPost('g1', PERIOD)).toMatchObject({ messageId: 'm1' });
  });
});
