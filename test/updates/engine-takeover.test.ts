/**
 * Two processes (shards on one store) finding the same digest a crash left claimed: exactly one
 * takes the stale claim over and posts it, the other leaves it alone.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { buildDigest } from '../../commands/lib/updates-digest.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import { listedEntry } from '../../src/updates/changes.js';
import { UpdatesEngine } from '../../src/updates/engine.js';
import { entry } from '../support/entry.js';
import { FakePoster } from '../support/fake-poster.js';
import { silentLogger } from '../support/silent-logger.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * Both processes read the unsent claim before either takes it over (the race a real network makes
 * likely): each store's takeover of the dead process's claim waits until both have asked.
 */
function racingTakeovers(stores: Store[]): { stores: Store[]; results: boolean[] } {
  const results: boolean[] = [];
  let arrived = 0;
  let bothAsked: () => void = () => {};
  const barrier = new Promise<void>((resolve) => (bothAsked = resolve));
  const wrapped = stores.map((store): Store => ({
    ...store,
    takeOverDigest: async (guildId, key, expected, claimant, at) => {
      if (expected === DEAD) {
        if (++arrived === stores.length) bothAsked();
        await barrier;
      }
      const won = await store.takeOverDigest(guildId, key, expected, claimant, at);
      if (expected === DEAD) results.push(won);
      return won;
    },
  }));
  return { stores: wrapped, results };
}

const DEAD = 'killed-process';
const entries = [entry('etcd'), entry('tikv')];
const stores: Store[] = [];
const engines: UpdatesEngine[] = [];

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.stop();
  for (const store of stores.splice(0)) await store.close();
});

function engineOf(store: Store, poster: FakePoster, claimant: string): UpdatesEngine {
  const engine = new UpdatesEngine({
    store,
    catalog: () => ({ doc: { title: 'list', categories: [], entries, diagnostics: [] }, source: 'list.md' }),
    poster,
    buildDigest,
    logger: silentLogger,
    minIntervalMs: 3600_000,
    claimant,
  });
  engines.push(engine);
  return engine;
}

it('two processes recovering one stale digest claim post it once', async () => {
  const dir = tempDir('dsp-updates-takeover');
  const [a, b] = [openSqliteStore(dir), openSqliteStore(dir)];
  stores.push(a, b);
  await a.saveUpdates({
    guildId: 'g1',
    channelId: 'c1',
    thread: false,
    enabled: true,
    updatedAt: new Date(0),
  });
  await a.saveAnnouncedList('g1', { entries: [listedEntry(entries[0]!)], at: new Date(0) });
  await a.claimDigest({
    guildId: 'g1',
    digestKey: 'left-by-a-crash',
    channelId: 'c1',
    added: [listedEntry(entries[1]!)],
    removed: [],
    claimedAt: new Date(Date.now() - 3600_000),
    claimant: DEAD,
  });
  const poster = new FakePoster();
  const race = racingTakeovers([a, b]);
  await Promise.all(race.stores.map((store, index) => engineOf(store, poster, `proc-${index}`).start()));
  await vi.waitFor(async () => expect(await a.unsentDigests()).toEqual([]));
  for (const engine of engines.splice(0)) await engine.stop();

  expect(race.results.sort()).toEqual([false, true]);
  expect(poster.sentTo('c1')).toHaveLength(1);
  const [digest] = await b.recentDigests('g1', 5);
  expect(digest).toMatchObject({ digestKey: 'left-by-a-crash', messageIds: [poster.sent[0]?.messageId] });
  expect(['proc-0', 'proc-1']).toContain(digest?.claimant);
});
