/** Every module against every real list in the fixtures: payloads Discord accepts, no pings. */
import { describe, expect, it } from 'vitest';
import { subcommands } from '../../commands/index.js';
import type { Catalog } from '../../src/contracts/catalog.js';
import { commandRegistry } from '../../src/discord/commands.js';
import { componentModule } from '../../src/discord/routes.js';
import { kindCountText } from '../../commands/lib/kind-counts.js';
import {
  autocompleteInput,
  catalogOf,
  commandInput,
  componentInput,
  customIds,
  expectValidPayload,
  parseFile,
  servicesFor,
} from './helpers.js';

/** The router dsp answers with. */
const registry = commandRegistry();

const LISTS = [
  'test/fixtures/awesome-distributed-system-projects.md',
  'test/fixtures/upstream-distributed-system-projects.md',
  'test/fixtures/awesome-scalability.md',
  'test/fixtures/awesome-nodejs.md',
  'test/fixtures/awesome-selfhosted.md',
  'test/fixtures/awesome-go.md',
  'test/fixtures/awesome-distributed-systems-reading.md',
  'test/fixtures/awesome-consensus.md',
];

describe.each(LISTS)('%s', (path) => {
  it('answers every subcommand, button and menu within Discord limits', async () => {
    const catalog: Catalog = catalogOf(await parseFile(path), path);
    const services = servicesFor(catalog);
    const [first] = catalog.doc.entries;
    const firstCategory = catalog.index.categories()[0]?.name ?? 'none';
    const options: Record<string, Record<string, string>> = {
      search: { query: 'distributed' },
      random: {},
      project: { name: first?.id ?? 'none' },
      category: { name: firstCategory },
      categories: {},
      about: {},
    };
    for (const module of subcommands) {
      const payload = await module.execute(commandInput(options[module.definition.name] ?? {}), services);
      expectValidPayload(payload);
      for (const customId of customIds(payload)) {
        const reply = await componentModule(registry, customId)?.component?.(
          componentInput(customId, [firstCategory]),
          services,
        );
        expect(reply, customId).toBeDefined();
        if (reply !== undefined) expectValidPayload(reply.payload);
      }
      for (const option of module.definition.options ?? []) {
        if (!('autocomplete' in option) || option.autocomplete !== true) continue;
        for (const typed of ['', 'a', 'data']) {
          const choices = module.autocomplete?.(autocompleteInput(option.name, typed), services) ?? [];
          expect(choices.length).toBeLessThanOrEqual(25);
          for (const choice of choices) {
            expect(choice.name.length).toBeLessThanOrEqual(100);
            expect(choice.value.length).toBeLessThanOrEqual(100);
          }
        }
      }
    }
  });

  it('opens every category that has projects, with its count', async () => {
    const catalog: Catalog = catalogOf(await parseFile(path), path);
    const category = registry.byRoute.get('dsp category');
    const services = servicesFor(catalog);
    for (const summary of catalog.index.categories().filter((candidate) => candidate.count > 0)) {
      const payload = await category?.execute(commandInput({ name: summary.name }), services);
      if (payload === undefined) throw new Error('category module');
      expectValidPayload(payload);
      expect(payload.embeds?.[0]?.footer?.text).toMatch(
        new RegExp(`^Page 1/\\d+ · ${kindCountText(summary)}$`),
      );
    }
  });
});

describe('the upstream list, with ### sub-categories', () => {
  it('opens a sub-category and filters searches by it', async () => {
    const catalog = catalogOf(await parseFile('test/fixtures/upstream-distributed-system-projects.md'));
    const services = servicesFor(catalog);
    const page = await registry.byRoute
      .get('dsp category')
      ?.execute(commandInput({ name: 'time series' }), services);
    expect(page?.embeds?.[0]?.title).toBe('Databases › Time Series');
    expect(page?.embeds?.[0]?.footer?.text).toBe('Page 1/3 · 11 projects');

    const hits = await registry.byRoute
      .get('dsp search')
      ?.execute(commandInput({ query: 'database', category: 'Time Series' }), services);
    if (hits === undefined) throw new Error('search module');
    expectValidPayload(hits);
    expect(hits.embeds?.[0]?.description).toContain('Filters: category Databases › Time Series');
    const ids = customIds(hits);
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toContain('c=Databases › Time Series');
    const next = ids[1];
    if (next !== undefined) {
      const reply = await componentModule(registry, next)?.component?.(componentInput(next), services);
      expect(reply?.payload.embeds?.[0]?.description).toContain('Filters: category Databases › Time Series');
    }
  });
});
