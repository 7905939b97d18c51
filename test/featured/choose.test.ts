import { describe, expect, it } from 'vitest';
import { chooseFeatured } from '../../src/featured/choose.js';
import type { CycleState } from '../../src/store/types.js';
import { entry } from '../support/entry.js';
import { seededRng } from '../support/random.js';

/** Runs `count` picks, feeding each back into the cycle state like the store does. */
function pickMany(entriesAt: (i: number) => ReturnType<typeof entry>[], count: number, seed = 1) {
  const rng = seededRng(seed);
  let state: CycleState = { cycle: 1, entryIds: new Set() };
  const picks: { id: string; cycle: number }[] = [];
  for (let i = 0; i < count; i++) {
    const choice = chooseFeatured({ entries: entriesAt(i), featuredInCycle: state, rng });
    if (!choice) throw new Error('no choice');
    picks.push({ id: choice.entry.id, cycle: choice.cycle });
    state =
      choice.cycle === state.cycle
        ? { cycle: state.cycle, entryIds: new Set([...state.entryIds, choice.entry.id]) }
        : { cycle: choice.cycle, entryIds: new Set([choice.entry.id]) };
  }
  return picks;
}

const five = ['a', 'b', 'c', 'd', 'e'].map((id) => entry(id));

describe('chooseFeatured', () => {
  it('features each of 5 entries once before any repeats, then starts cycle 2', () => {
    const picks = pickMany(() => five, 10);
    expect(new Set(picks.slice(0, 5).map((p) => p.id)).size).toBe(5);
    expect(picks.slice(0, 5).every((p) => p.cycle === 1)).toBe(true);
    expect(new Set(picks.slice(5).map((p) => p.id)).size).toBe(5);
    expect(picks.slice(5).every((p) => p.cycle === 2)).toBe(true);
  });

  it('orders differently for different random streams (per guild)', () => {
    const orders = new Set(
      [1, 2, 3, 4, 5, 6].map((seed) =>
        pickMany(() => five, 5, seed)
          .map((p) => p.id)
          .join(),
      ),
    );
    expect(orders.size).toBeGreaterThan(1);
  });

  it('lets a new entry join the current cycle and skips removed ones', () => {
    const withNew = [...five.filter((e) => e.id !== 'e'), entry('f')];
    const picks = pickMany((i) => (i < 2 ? five : withNew), 5);
    const ids = picks.map((p) => p.id);
    expect(new Set(ids).size).toBe(5);
    expect(picks.every((p) => p.cycle === 1)).toBe(true);
    expect(ids.slice(2)).not.toContain('e');
    expect(ids).toContain('f');
  });

  it('never features archived entries, and returns nothing for a list with none featurable', () => {
    const list = [entry('a'), entry('old', { archived: true }), entry('b')];
    expect(pickMany(() => list, 6).map((p) => p.id)).not.toContain('old');
    expect(
      chooseFeatured({
        entries: [entry('x', { archived: true })],
        featuredInCycle: { cycle: 1, entryIds: new Set() },
        rng: Math.random,
      }),
    ).toBeUndefined();
  });
});
