/**
 * The bot builds the index of a new list a few milliseconds at a time (ProjectIndex.buildInSlices),
 * so that answers keep flowing meanwhile. The index it gets must answer exactly as one built at once.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseList } from '../../src/list/parse.js';
import { ProjectIndex } from '../../src/search/index.js';
import { runSteps, sortInSteps } from '../../src/search/steps.js';
import { loadLabelledQueries } from './labelled-queries.js';

const upstream = parseList(readFileSync('test/fixtures/upstream-distributed-system-projects.md', 'utf8'));

/** Everything a member can ask of an index, as plain data. */
function answers(index: ProjectIndex) {
  const queries = [...loadLabelledQueries().map((query) => query.query), 'raft', 'dkorn', 'time series', ''];
  return {
    searches: queries.map((query) => index.search(query, { limit: 25 })),
    filtered: index.search('database', { language: 'Go', limit: 25 }),
    suggestions: ['e', 'co', 'raf', 'seawe'].map((typed) => index.suggest(typed)),
    projects: index.suggestProject('ti'),
    tags: index.suggestTag('r'),
    languages: index.languages(),
    categories: index.categories(),
    similar: index.doc.entries.slice(0, 10).map((entry) => index.similar(entry.id)),
    guesses: index.didYouMean('kassandra'),
    resolved: index.resolve('etcd'),
  };
}

describe('ProjectIndex.buildInSlices', () => {
  it('builds an index that answers exactly as one built at once', async () => {
    const sliced = await ProjectIndex.buildInSlices(upstream);
    expect(answers(sliced)).toEqual(answers(ProjectIndex.build(upstream)));
  });

  it('lets the event loop run between slices, many times for a list of a few hundred entries', async () => {
    let pauses = 0;
    let otherWork = 0;
    const index = await ProjectIndex.buildInSlices(upstream, {
      sliceMs: 0,
      pause: async () => {
        pauses++;
        await new Promise((resolve) => setImmediate(resolve));
        otherWork++;
      },
    });
    expect(index.size).toBe(upstream.entries.length);
    // Every component yields at least once per ITEMS_PER_STEP entries.
    expect(pauses).toBeGreaterThan(10);
    expect(otherWork).toBe(pauses);
  });

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController();
    const building = ProjectIndex.buildInSlices(upstream, {
      sliceMs: 0,
      signal: controller.signal,
      pause: async () => controller.abort(new Error('a newer list arrived')),
    });
    await expect(building).rejects.toThrow('a newer list arrived');
  });
});

describe('sortInSteps', () => {
  it('gives the order Array.prototype.sort gives, ties kept in their order, at any length', () => {
    const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 5_000 }), (keys) => {
        const items = keys.map((key, at) => ({ key, at }));
        expect(runSteps(sortInSteps(items, byKey))).toEqual([...items].sort(byKey));
      }),
      { numRuns: 60 },
    );
  });
});
