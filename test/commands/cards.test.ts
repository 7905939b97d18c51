/**
 * Both card styles from the same modules: every command renders within Discord's limits in
 * `embed` and `components` style for the longest names, descriptions and tags of the fixture
 * lists and for a hostile list; Details buttons open the right card; pagination keeps the layout.
 */
import type { APIMessageTopLevelComponent } from 'discord-api-types/v10';
import { ComponentType } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeCustomId } from '../../commands/lib/custom-id.js';
import { buildFeaturedPost } from '../../commands/lib/featured-post.js';
import { NEUTRAL_THUMBNAIL, projectCardPayload, thumbnailUrl } from '../../commands/lib/cards.js';
import { layoutProblems } from '../../commands/lib/layout-limits.js';
import { renderProjectCard } from '../../commands/lib/render.js';
import type { CardStyle, MessagePayload } from '../../src/contracts/payload.js';
import type { Catalog } from '../../src/contracts/catalog.js';
import { commandRegistry } from '../../src/discord/commands.js';
import { componentModule } from '../../src/discord/routes.js';
import { postMarker } from '../../src/featured/marker.js';
import type { Entry } from '../../src/list/types.js';
import {
  catalogOf,
  commandInput,
  componentInput,
  craftedDocument,
  customIds,
  expectValidPayload,
  parseFile,
  servicesFor,
} from './helpers.js';

const registry = commandRegistry();

const LISTS = [
  'test/fixtures/awesome-distributed-system-projects.md',
  'test/fixtures/upstream-distributed-system-projects.md',
  'test/fixtures/awesome-scalability.md',
  'test/fixtures/awesome-nodejs.md',
  'test/fixtures/awesome-go.md',
  'test/fixtures/awesome-selfhosted.md',
];

/** Parsing and indexing the big lists is most of this file's time: once per list. */
const catalogs = new Map<string, Promise<Catalog>>();
function catalogAt(path: string): Promise<Catalog> {
  let catalog = catalogs.get(path);
  if (catalog === undefined) {
    catalog = parseFile(path).then((doc) => catalogOf(doc, path));
    catalogs.set(path, catalog);
  }
  return catalog;
}

type Walkable = { type: number; components?: Walkable[]; accessory?: Walkable; content?: string };

function* walk(components: readonly Walkable[]): Generator<Walkable> {
  for (const component of components) {
    yield component;
    yield* walk(component.components ?? []);
    if (component.accessory) yield* walk([component.accessory]);
  }
}

function layoutOf(payload: MessagePayload): APIMessageTopLevelComponent[] {
  if (payload.layout === undefined) throw new Error(`Expected a layout, got ${JSON.stringify(payload)}`);
  return payload.layout;
}

/** Custom ids of every button in a payload, in either style. */
function allCustomIds(payload: MessagePayload): string[] {
  if (payload.layout === undefined) return customIds(payload);
  return [...walk(payload.layout as Walkable[])].flatMap((component) =>
    'custom_id' in component && typeof component.custom_id === 'string' ? [component.custom_id] : [],
  );
}

/** Text displays of a layout, in order. */
function layoutText(payload: MessagePayload): string {
  return [...walk(layoutOf(payload) as Walkable[])]
    .flatMap((component) => (component.content === undefined ? [] : [component.content]))
    .join('\n');
}

/** What Discord would refuse in a V2 message, and the no-pings and escaping guarantees. */
function expectValidLayout(payload: MessagePayload): void {
  const layout = layoutOf(payload);
  expect(payload.content).toBeUndefined();
  expect(payload.embeds).toBeUndefined();
  expect(payload.components).toBeUndefined();
  expect(payload.allowedMentions).toEqual({ parse: [] });
  expect(layoutProblems(layout)).toEqual([]);
  for (const id of allCustomIds(payload)) expect(decodeCustomId(id), id).toBeDefined();
  const text = layoutText(payload);
  expect(text).not.toMatch(/@everyone|@here/);
  expect(text).not.toMatch(/(^|[^\\])\]\((?!https?:)/);
  for (const component of walk(layout as Walkable[])) {
    if (component.type === ComponentType.Button && 'url' in component)
      expect(String(component.url)).toMatch(/^https?:/);
  }
}

function expectValid(payload: MessagePayload, style: CardStyle): void {
  if (style === 'components' && payload.layout !== undefined) expectValidLayout(payload);
  else expectValidPayload(payload);
}

/** The entries with the longest name, description, tag list and note: the hardest cards to fit. */
function extremes(entries: readonly Entry[]): Entry[] {
  const longest = (size: (entry: Entry) => number) =>
    entries.reduce((best, entry) => (size(entry) > size(best) ? entry : best));
  return [
    longest((entry) => entry.name.length),
    longest((entry) => entry.description.length),
    longest((entry) => entry.tags.join(', ').length),
    longest((entry) => entry.note?.length ?? 0),
  ];
}

async function everyAnswer(catalog: Catalog, style: CardStyle, target: Entry): Promise<void> {
  const services = { ...servicesFor(catalog), cardStyle: style };
  const options: Record<string, Record<string, string>> = {
    search: { query: target.name },
    random: { category: target.category },
    project: { name: target.id },
    category: { name: target.subcategory ?? target.category },
    categories: {},
    about: {},
  };
  for (const [route, module] of registry.byRoute) {
    const name = route.replace(/^dsp /, '');
    if (!(name in options)) continue;
    const payload = await module.execute(commandInput(options[name] ?? {}), services);
    expectValid(payload, style);
    for (const customId of allCustomIds(payload)) {
      const reply = await componentModule(registry, customId)?.component?.(
        componentInput(customId),
        services,
      );
      expect(reply, customId).toBeDefined();
      if (reply !== undefined) expectValid(reply.payload, style);
    }
  }
}

describe.each(['embed', 'components'] as const)('CARD_STYLE=%s', (style) => {
  it.each(LISTS)('answers within the limits for the longest entries of %s', async (path) => {
    const catalog = await catalogAt(path);
    for (const target of extremes(catalog.doc.entries)) await everyAnswer(catalog, style, target);
  });

  it('answers within the limits, escaped and without pings, for a hostile list', async () => {
    const catalog = catalogOf(craftedDocument());
    for (const target of catalog.doc.entries.slice(0, 4)) await everyAnswer(catalog, style, target);
  });
});

describe('the components style', () => {
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = catalogOf(await parseFile('test/fixtures/awesome-distributed-system-projects.md'));
  });
  const services = () => ({ ...servicesFor(catalog), cardStyle: 'components' as const });

  it('puts a Details button beside every search result, and a Details click opens that card for the presser', async () => {
    const search = registry.byRoute.get('dsp search');
    const page = await search?.execute(commandInput({ query: 'database' }), services());
    if (page === undefined) throw new Error('search module');
    const container = layoutOf(page)[0];
    if (container?.type !== ComponentType.Container) throw new Error('a container');
    const sections = container.components.filter((part) => part.type === ComponentType.Section);
    expect(sections).toHaveLength(5);
    for (const result of sections) {
      expect(result.accessory).toMatchObject({ type: ComponentType.Button, label: 'Details' });
    }
    const second = sections[1];
    const id =
      second?.accessory.type === ComponentType.Button && 'custom_id' in second.accessory
        ? second.accessory.custom_id
        : '';
    const entryId = decodeCustomId(id)?.state['d'] ?? '';
    const opened = catalog.index.get(entryId);
    if (opened === undefined) throw new Error(`Details names an entry: ${id}`);
    expect(second?.components[0]?.content).toContain(opened.name.slice(0, 10));

    const reply = await componentModule(registry, id)?.component?.(componentInput(id), services());
    expect(reply?.kind).toBe('reply');
    expect(reply?.payload.ephemeral).toBe(true);
    expect(layoutText(reply?.payload ?? { allowedMentions: { parse: [] } })).toContain(`### [${opened.name}`);
  });

  it('answers More like this with a Details button beside each similar project, opening its card', async () => {
    const etcd = catalog.index.resolve('etcd');
    if (etcd === undefined) throw new Error('etcd');
    const card = await registry.byRoute
      .get('dsp project')
      ?.execute(commandInput({ name: etcd.id }), services());
    const more = allCustomIds(card ?? { allowedMentions: { parse: [] } }).find((id) => /\|s=/.test(id));
    if (more === undefined) throw new Error('a More like this button');
    const reply = await componentModule(registry, more)?.component?.(componentInput(more), services());
    const answer = reply?.payload ?? { allowedMentions: { parse: [] } };
    expect(answer.ephemeral).toBe(true);
    expectValidLayout(answer);
    const container = layoutOf(answer)[0];
    if (container?.type !== ComponentType.Container) throw new Error('a container');
    const sections = container.components.filter((part) => part.type === ComponentType.Section);
    const similar = catalog.index.similar(etcd.id, 5);
    expect(sections).toHaveLength(similar.length);
    const ids = sections.map((result) =>
      result.accessory.type === ComponentType.Button && 'custom_id' in result.accessory
        ? result.accessory.custom_id
        : '',
    );
    expect(new Set(ids).size).toBe(similar.length);
    ids.forEach((id, index) => {
      expect(id.length).toBeLessThanOrEqual(100);
      expect(decodeCustomId(id)?.state['d']).toBe(similar[index]?.id);
      expect(sections[index]?.components[0]?.content).toContain(similar[index]?.name ?? '?');
    });
    const last = ids.at(-1) ?? '';
    const opened = await componentModule(registry, last)?.component?.(componentInput(last), services());
    expect(layoutText(opened?.payload ?? { allowedMentions: { parse: [] } })).toContain(
      `### [${similar.at(-1)?.name ?? '?'}`,
    );
  });

  it('keeps the layout when Next replaces the page', async () => {
    const search = registry.byRoute.get('dsp search');
    const page = await search?.execute(commandInput({ query: 'database' }), services());
    const next = allCustomIds(page ?? { allowedMentions: { parse: [] } }).find((id) => /\|p=2/.test(id));
    if (next === undefined) throw new Error('a Next button');
    const reply = await componentModule(registry, next)?.component?.(componentInput(next), services());
    expect(reply?.kind).toBe('update');
    expectValidLayout(reply?.payload ?? { allowedMentions: { parse: [] } });
    expect(layoutText(reply?.payload ?? { allowedMentions: { parse: [] } })).toContain('Page 2/');
  });

  it("shows the GitHub owner's avatar beside a repository, a neutral picture beside other links", () => {
    expect(thumbnailUrl({ repo: 'etcd-io/etcd' })).toBe('https://github.com/etcd-io.png');
    expect(thumbnailUrl({})).toBe(NEUTRAL_THUMBNAIL);
    expect(thumbnailUrl({ repo: '../evil/x' })).toBe(NEUTRAL_THUMBNAIL);
    const etcd = catalog.index.resolve('etcd');
    if (etcd === undefined) throw new Error('etcd');
    const card = projectCardPayload({ entry: etcd }, 'components');
    expect(JSON.stringify(card.layout)).toContain('"url":"https://github.com/etcd-io.png"');
    // The row: a link button to the repository, then More like this.
    expect(JSON.stringify(card.layout)).toContain('"label":"Open repository"');
    expect(JSON.stringify(card.layout)).toContain('"label":"More like this"');
  });

  it('gives the featured post a gallery with the social preview, unless FEATURED_IMAGE is off', () => {
    const etcd = catalog.index.resolve('etcd');
    if (etcd === undefined) throw new Error('etcd');
    const period = '2026-11-30T14:00:00.000Z';
    const context = { newEntries: [], periodKey: period, marker: postMarker(period) };
    const post = buildFeaturedPost(etcd, context, catalog, undefined, { style: 'components', image: true });
    expectValidLayout(post);
    const gallery = [...walk(layoutOf(post) as Walkable[])].find(
      (c) => c.type === ComponentType.MediaGallery,
    );
    expect(gallery).toMatchObject({
      items: [{ media: { url: 'https://opengraph.githubassets.com/1/etcd-io/etcd' } }],
    });
    expect(layoutText(post)).toContain(postMarker(period));
    expect(layoutText(post)).toContain('⭐ **Featured project: etcd**');
    const plain = buildFeaturedPost(etcd, context, catalog, undefined, { style: 'components', image: false });
    expect(JSON.stringify(plain.layout)).not.toContain('opengraph');
  });
});

describe('the embed style', () => {
  it('is the card of today, unchanged', async () => {
    const catalog = catalogOf(await parseFile('test/fixtures/awesome-distributed-system-projects.md'));
    const etcd = catalog.index.resolve('etcd');
    if (etcd === undefined) throw new Error('etcd');
    const options = { similar: catalog.index.similar(etcd.id, 3) };
    expect(projectCardPayload({ entry: etcd, options }, 'embed')).toEqual(renderProjectCard(etcd, options));
  });
});
