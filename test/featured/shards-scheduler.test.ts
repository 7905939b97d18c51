/** Featured posts with several processes: each schedules only the guilds on its shards. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessagePayload } from '../../src/contracts/payload.js';
import { FeaturedScheduler } from '../../src/featured/scheduler.js';
import { ownsGuildFn, shardOf } from '../../src/sharding/shards.js';
import type { CronFactory, FeaturedPoster } from '../../src/featured/types.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';
import { entry } from '../support/entry.js';
import { FakePoster } from '../support/fake-poster.js';
import { silentLogger } from '../support/silent-logger.js';

const EVERY_MINUTE = '* * * * *';
const FIRE = new Date('2026-11-30T14:00:00.000Z');
const PERIOD = FIRE.toISOString();
const SHARDS = 4;
/** Two guilds on each of the four shards. */
const GUILDS = [0, 1, 2, 3].flatMap((shard) =>
  [1, 2].map((k) => String((BigInt(shard + SHARDS * k) << 22n) | 99n)),
);

/** A process's view of Discord: its message ids start with its name (`low-1`, …). */
function posterOf(name: string): FakePoster {
  return new FakePoster({ messageId: (n) => `${name}-${n}` });
}

let dir: string;
let store: Store;
let now: Date;

function scheduler(
  name: string,
  poster: FeaturedPoster,
  ownsGuild?: (guildId: string) => boolean,
  cron?: CronFactory,
): FeaturedScheduler {
  return new FeaturedScheduler({
    store,
    poster,
    buildPost: (chosen, context): MessagePayload => ({
      embeds: [{ title: chosen.name, footer: { text: context.marker } }],
      allowedMentions: { parse: [] },
    }),
    logger: silentLogger,
    catalog: () => ({
      doc: { title: 't', categories: [], entries: [entry('a'), entry('b')], diagnostics: [] },
    }),
    now: () => now,
    claimant: name,
    cron: cron ?? (() => ({ stop: () => {} })),
    ...(ownsGuild ? { ownsGuild } : {}),
    options: { sweepCron: null, staleClaimMs: 60_000 },
  });
}

const channelOf = (guildId: string) => `chan-${guildId}`;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dsp-shards-'));
  store = openSqliteStore(dir);
  now = new Date(FIRE.getTime() + 1_000);
  for (const guildId of GUILDS) {
    await store.saveFeatured({
      guildId,
      channelId: channelOf(guildId),
      schedule: EVERY_MINUTE,
      timezone: 'UTC',
      enabled: true,
      updatedAt: new Date('2026-11-01T00:00:00Z'),
    });
  }
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function claimantOf(guildId: string): Promise<string | undefined> {
  return (await store.getPost(guildId, PERIOD))?.claimant;
}

describe('featured scheduling split by shard', () => {
  it('runs a period only for the guilds on its own shards', async () => {
    const lowPoster = posterOf('low');
    const highPoster = posterOf('high');
    const low = scheduler('low', lowPoster, ownsGuildFn([0, 1], SHARDS));
    const high = scheduler('high', highPoster, ownsGuildFn([2, 3], SHARDS));

    const lowOutcomes = await low.runPeriod(EVERY_MINUTE, 'UTC', FIRE);
    expect([...lowOutcomes.keys()].every((guildId) => shardOf(guildId, SHARDS) < 2)).toBe(true);
    expect(lowOutcomes.size).toBe(4);
    expect(highPoster.sent).toHaveLength(0);
    await high.runPeriod(EVERY_MINUTE, 'UTC', FIRE);

    const posted = [...lowPoster.sent, ...highPoster.sent].map((sent) => sent.channelId).sort();
    expect(posted).toEqual(GUILDS.map(channelOf).sort());
    for (const guildId of GUILDS) {
      expect(await claimantOf(guildId)).toBe(shardOf(guildId, SHARDS) < 2 ? 'low' : 'high');
    }
  });

  it('catches up only its own guilds after a restart', async () => {
    const poster = posterOf('high');
    const outcomes = await scheduler('high', poster, ownsGuildFn([2, 3], SHARDS)).catchUp();
    expect(outcomes.size).toBe(4);
    expect(poster.sent.map((sent) => sent.channelId).sort()).toEqual(
      GUILDS.filter((guildId) => shardOf(guildId, SHARDS) >= 2)
        .map(channelOf)
        .sort(),
    );
  });

  it('leaves an abandoned claim of another shard to the process that owns it', async () => {
    const lowGuild = GUILDS.find((guildId) => shardOf(guildId, SHARDS) === 0) ?? '';
    await store.claimPost({
      guildId: lowGuild,
      periodKey: PERIOD,
      channelId: channelOf(lowGuild),
      entryId: 'a',
      cycle: 1,
      claimedAt: new Date(FIRE.getTime() - 10 * 60_000),
      claimant: 'dead-low',
    });
    const highPoster = posterOf('high');
    const highOutcomes = await scheduler('high', highPoster, ownsGuildFn([2, 3], SHARDS)).catchUp();
    expect(highOutcomes.has(`${lowGuild}|${PERIOD}`)).toBe(false);
    expect(highPoster.lookups).not.toContain(channelOf(lowGuild));
    expect(await claimantOf(lowGuild)).toBe('dead-low');

    const lowPoster = posterOf('low');
    await scheduler('low', lowPoster, ownsGuildFn([0, 1], SHARDS)).catchUp();
    expect(lowPoster.lookups).toContain(channelOf(lowGuild));
    expect(lowPoster.sent.filter((sent) => sent.channelId === channelOf(lowGuild))).toHaveLength(1);
    expect((await store.getPost(lowGuild, PERIOD))?.messageId).toMatch(/^low-/);
  });

  it('still posts once per guild when two processes both claim every shard', async () => {
    const processes = ['a', 'b'].map((name) => ({ name, poster: posterOf(name) }));
    const everything = ownsGuildFn([0, 1, 2, 3], SHARDS);
    await Promise.all(
      processes.map(({ name, poster }) =>
        scheduler(name, poster, everything).runPeriod(EVERY_MINUTE, 'UTC', FIRE),
      ),
    );
    const posted = processes.flatMap(({ poster }) => poster.sent.map((sent) => sent.channelId)).sort();
    expect(posted).toEqual(GUILDS.map(channelOf).sort());
  });

  it('registers no trigger for a schedule only other shards use', async () => {
    const highGuilds = GUILDS.filter((guildId) => shardOf(guildId, SHARDS) >= 2);
    for (const guildId of highGuilds) {
      await store.saveFeatured({
        guildId,
        channelId: channelOf(guildId),
        schedule: '0 9 * * 1',
        timezone: 'UTC',
        enabled: true,
        updatedAt: new Date('2026-11-01T00:00:00Z'),
      });
    }
    const registered: string[] = [];
    const cron: CronFactory = (expression) => {
      registered.push(expression);
      return { stop: () => {} };
    };
    await scheduler('low', posterOf('low'), ownsGuildFn([0, 1], SHARDS), cron).refresh();
    expect(registered).toEqual([EVERY_MINUTE]);
  });
});
