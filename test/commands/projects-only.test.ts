/**
 * Property: whatever the filters, the random stream, what was picked before and which entry a card
 * shows, `/dsp random`, its "Another one" button, the featured post and "similar projects" never
 * pick a resource, on every fixture list.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { random } from '../../commands/random.js';
import type { Catalog } from '../../src/contracts/catalog.js';
import { chooseFeatured } from '../../src/featured/choose.js';
import type { Entry } from '../../src/list/types.js';
import { catalogOf, commandInput, componentInput, customIds, parseFile, servicesFor } from './helpers.js';

const LISTS = [
  'awesome-distributed-system-projects.md',
  'upstream-distributed-system-projects.md',
  'awesome-scalability.md',
  'awesome-nodejs.md',
  'awesome-selfhosted.md',
  'awesome-go.md',
  'awesome-distributed-systems-reading.md',
  'awesome-consensus.md',
];

const catalogs = new Map<string, Catalog>();
beforeAll(async () => {
  for (const list of LISTS) catalogs.set(list, catalogOf(await parseFile(`test/fixtures/${list}`), list));
});

function catalog(list: string): Catalog {
  const found = catalogs.get(list);
  if (found === undefined) throw new Error(`no catalog for ${list}`);
  return found;
}

function isProject(entry: Entry | undefined): boolean {
  return entry === undefined || entry.kind === 'project';
}

/** One of the list's category names, languages or tags, or none. */
function pickOf(values: readonly string[]): fc.Arbitrary<string | undefined> {
  return values.length === 0
    ? fc.constant(undefined)
    : fc.option(fc.constantFrom(...values), { nil: undefined, freq: 2 });
}

const listArbitrary = fc.constantFrom(...LISTS);
const roll = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('picks are projects, never resources', () => {
  it('the index’s random pick, under any filters and exclusions', () => {
    fc.assert(
      fc.property(
        listArbitrary.chain((list) => {
          const { index, doc } = catalog(list);
          return fc.record({
            list: fc.constant(list),
            category: pickOf(index.categories().map((summary) => summary.name)),
            language: pickOf(index.languages().map((facet) => facet.name)),
            tag: pickOf(index.tags().map((facet) => facet.name)),
            excluded: fc.subarray(doc.entries.slice(0, 300).map((entry) => entry.id)),
            roll,
          });
        }),
        ({ list, category, language, tag, excluded, roll: value }) => {
          const picked = catalog(list).index.random(
            { category, language, tag },
            () => value,
            new Set(excluded),
          );
          expect(isProject(picked), picked?.name).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('/dsp random and its "Another one" button', async () => {
    await fc.assert(
      fc.asyncProperty(listArbitrary, fc.integer({ min: 1, max: 1_000_000 }), async (list, seed) => {
        const services = servicesFor(catalog(list), seed);
        const first = await random.execute(commandInput({}), services);
        const another = customIds(first).find((id) => id.startsWith('random'));
        if (another !== undefined) await random.component?.(componentInput(another), services);
        for (const id of [...services.recentPicks.byKey.values()].flat()) {
          expect(catalog(list).index.get(id)?.kind, id).toBe('project');
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the featured post, whatever was featured before in the cycle', () => {
    fc.assert(
      fc.property(
        listArbitrary.chain((list) =>
          fc.record({
            list: fc.constant(list),
            featured: fc.subarray(catalog(list).doc.entries.map((entry) => entry.id)),
            roll,
          }),
        ),
        ({ list, featured, roll: value }) => {
          const choice = chooseFeatured({
            entries: catalog(list).doc.entries,
            featuredInCycle: { cycle: 1, entryIds: new Set(featured) },
            rng: () => value,
          });
          expect(isProject(choice?.entry), choice?.entry.name).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('similar projects of any entry, a resource’s included', () => {
    fc.assert(
      fc.property(
        listArbitrary.chain((list) =>
          fc.record({
            list: fc.constant(list),
            id: fc.constantFrom(...catalog(list).doc.entries.map((entry) => entry.id)),
            limit: fc.integer({ min: 1, max: 10 }),
          }),
        ),
        ({ list, id, limit }) => {
          const similar = catalog(list).index.similar(id, limit);
          expect(similar.filter((entry) => entry.kind !== 'project').map((entry) => entry.name)).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
