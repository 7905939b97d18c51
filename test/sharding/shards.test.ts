import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identifyDelayMs, ownsGuildFn, shardOf, shardRange } from '../../src/sharding/shards.js';
import { shardOfGuild } from '../../tools/discord-standin/index.js';

/** A guild id whose timestamp bits put it on `shard` of `count` (the low 22 bits are noise). */
function guildOn(shard: number, count: number, k = 0): string {
  return String((BigInt(shard + count * k) << 22n) | 12345n);
}

describe('shardOf', () => {
  it('routes a real guild id like Discord documents it', () => {
    // 175928847299117063 >> 22 = 41944705796; % 16 = 4 (Discord's documented example).
    expect(shardOf('175928847299117063', 16)).toBe(4);
    expect(shardOf('175928847299117063', 1)).toBe(0);
  });

  it('agrees with the stand-in gateway for any id and count', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n << 22n, max: (1n << 63n) - 1n }),
        fc.integer({ min: 1, max: 64 }),
        (id, count) => {
          expect(shardOf(String(id), count)).toBe(shardOfGuild(String(id), count));
        },
      ),
    );
  });
});

describe('ownsGuildFn', () => {
  it('splits guilds between two halves of four shards with no overlap and no gap', () => {
    const low = ownsGuildFn([0, 1], 4);
    const high = ownsGuildFn([2, 3], 4);
    for (let shard = 0; shard < 4; shard++) {
      for (let k = 0; k < 5; k++) {
        const id = guildOn(shard, 4, k);
        expect(low(id)).toBe(shard < 2);
        expect(high(id)).toBe(shard >= 2);
      }
    }
  });

  it('owns everything when it holds every shard', () => {
    const all = ownsGuildFn(shardRange(4), 4);
    expect([0, 1, 2, 3].every((shard) => all(guildOn(shard, 4, 7)))).toBe(true);
  });
});

describe('identifyDelayMs', () => {
  it('waits one 5 s window per bucket of max_concurrency shards before the lowest shard', () => {
    expect(identifyDelayMs([0, 1], 1)).toBe(0);
    expect(identifyDelayMs([2, 3], 1)).toBe(10_000);
    expect(identifyDelayMs([3, 2], 1)).toBe(10_000);
    expect(identifyDelayMs([16, 17, 18, 19], 16)).toBe(5_000);
    expect(identifyDelayMs([8, 9], 16)).toBe(0);
    expect(identifyDelayMs([32], 16)).toBe(10_000);
  });

  it('never starts two processes in the same window when ranges are handed out in order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 16 }),
        (perProcess, concurrency) => {
          // Each process identifies its shards one window per bucket from its start delay.
          const windows = new Map<number, number>();
          for (let first = 0; first < perProcess * 6; first += perProcess) {
            const ids = shardRange(perProcess).map((i) => first + i);
            const start = identifyDelayMs(ids, concurrency) / 5_000;
            const firstBucket = Math.floor(first / concurrency);
            for (const id of ids) {
              const window = start + Math.floor(id / concurrency) - firstBucket;
              windows.set(window, (windows.get(window) ?? 0) + 1);
            }
          }
          for (const count of windows.values()) expect(count).toBeLessThanOrEqual(concurrency);
        },
      ),
    );
  });

  it('takes a custom window and an empty list', () => {
    expect(identifyDelayMs([4], 2, 100)).toBe(200);
    expect(identifyDelayMs([], 1)).toBe(0);
  });
});
