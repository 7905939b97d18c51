import { ComponentType } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import { project } from '../../commands/project.js';
import type { Catalog } from '../../src/contracts/catalog.js';
import { decodeCustomId } from '../../commands/lib/custom-id.js';
import { buildFeaturedPost, newEntriesLine } from '../../commands/lib/featured-post.js';
import { LIMITS } from '../../commands/lib/limits.js';
import { parseMarker, postMarker } from '../../src/featured/marker.js';
import type { Entry } from '../../src/list/types.js';
import {
  buttonId,
  catalogOf,
  componentInput,
  craftedDocument,
  expectValidPayload,
  firstEmbed,
  parseFile,
  servicesFor,
  shippedCatalog,
  visibleText,
} from './helpers.js';
import { entry } from '../support/entry.js';

const PERIOD = '2026-11-30T14:00:00.000Z';
const context = (newEntries: Entry[] = []) => ({ newEntries, periodKey: PERIOD, marker: postMarker(PERIOD) });

let shipped: Catalog;
let crafted: Catalog;
let etcd: Entry;

beforeAll(async () => {
  shipped = await shippedCatalog();
  crafted = catalogOf(craftedDocument());
  const found = shipped.index.resolve('etcd');
  if (found === undefined) throw new Error('etcd is in the shipped list');
  etcd = found;
});

describe('the featured post', () => {
  it('is the project card with a heading, the marker in the footer, and no pings', () => {
    const post = buildFeaturedPost(etcd, context(), shipped);
    expectValidPayload(post);
    expect(post.allowedMentions).toEqual({ parse: [] });
    expect(post.ephemeral).toBeUndefined();
    expect(post.content).toBe('⭐ **Featured project: etcd**');
    expect(post.content).not.toContain('New in the list');
    const embed = firstEmbed(post);
    expect(embed.title).toBe('etcd');
    expect(embed.url).toBe('https://github.com/etcd-io/etcd');
    expect(embed.fields?.find((field) => field.name === 'Similar projects')).toBeDefined();
    expect(embed.footer?.text).toContain(postMarker(PERIOD));
    expect(parseMarker(embed.footer?.text ?? '')).toBe(PERIOD);
    expect(embed.footer?.text).toContain('Locking');
  });

  it('has a "More like this" button that the project module answers', async () => {
    const post = buildFeaturedPost(etcd, context(), shipped);
    const id = buttonId(post, 'More like this');
    expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
    expect(decodeCustomId(id)).toMatchObject({ prefix: 'project', state: { s: etcd.id } });
    expect(post.components?.[0]?.components[0]?.type).toBe(ComponentType.Button);
    const pressed = await project.component?.(componentInput(id), servicesFor(shipped));
    expect(pressed?.kind).toBe('reply');
    if (pressed === undefined) throw new Error('unreachable');
    expect(firstEmbed(pressed.payload).title).toBe('More like etcd');
  });

  it('keeps a working button for an id too long for a custom id', () => {
    const longId = `x${'y'.repeat(150)}`;
    const post = buildFeaturedPost(entry(longId, { name: 'Long', category: 'Misc' }), context(), shipped);
    expectValidPayload(post);
    const decoded = decodeCustomId(buttonId(post, 'More like this'));
    expect(longId.startsWith(decoded?.state['s'] ?? '-')).toBe(true);
    expect(decoded?.shortened.has('s')).toBe(true);
  });

  it('names the entries new since the last post, with "+N more" beyond ten', () => {
    const three = ['a', 'b', 'c'].map((id) => entry(id, { name: `Proj ${id}`, category: 'Misc' }));
    expect(buildFeaturedPost(etcd, context(three), shipped).content).toContain(
      'New in the list since the last post: Proj a, Proj b, Proj c',
    );
    const many = Array.from({ length: 25 }, (_, i) => entry(`n${i}`, { name: `New ${i}`, category: 'Misc' }));
    const line = newEntriesLine(many) ?? '';
    expect(line).toContain('New 0, New 1');
    expect(line).toContain('New 9 (+15 more)');
    expect(line).not.toContain('New 10');
  });

  it('escapes hostile names and keeps the marker whatever the entry', () => {
    const hostile = crafted.doc.entries.slice(0, 2);
    const huge = entry('huge', {
      name: 'H'.repeat(500),
      description: 'd'.repeat(5000),
      category: 'C'.repeat(3000),
      subcategory: 'S'.repeat(3000),
      note: 'n'.repeat(3000),
    });
    for (const featured of [...hostile, huge, ...crafted.doc.entries.slice(2, 4)]) {
      const newNames = [...hostile, ...Array.from({ length: 10 }, () => huge)];
      const post = buildFeaturedPost(featured, context(newNames), crafted);
      expectValidPayload(post);
      expect(parseMarker(firstEmbed(post).footer?.text ?? '')).toBe(PERIOD);
      expect(visibleText(post)).not.toMatch(/@everyone|@here/);
      expect(post.content).toContain('\\*\\*Evil\\*\\*');
    }
  });

  it.each([
    'data/awesome-distributed-system-projects.md',
    'test/fixtures/upstream-distributed-system-projects.md',
    'test/fixtures/awesome-scalability.md',
    'test/fixtures/awesome-nodejs.md',
  ])(
    'is a valid post with its marker for entries spread over %s',
    async (path) => {
      const catalog = catalogOf(await parseFile(path));
      expect(catalog.doc.entries.length).toBeGreaterThan(20);
      const newEntries = catalog.doc.entries.slice(0, 40);
      const stride = Math.ceil(catalog.doc.entries.length / 150);
      for (const featured of catalog.doc.entries.filter((_, i) => i % stride === 0)) {
        const post = buildFeaturedPost(featured, context(newEntries), catalog);
        expectValidPayload(post);
        expect(parseMarker(firstEmbed(post).footer?.text ?? '')).toBe(PERIOD);
        expect(visibleText(post)).not.toMatch(/@everyone|@here/);
      }
    },
    30_000,
  ); // parsing and indexing a large list takes seconds on a loaded machine

  it('leaves the line out when nothing is new', () => {
    expect(newEntriesLine([])).toBeUndefined();
    expect(newEntriesLine([entry('blank', { name: '   ', category: 'Misc' })])).toBeUndefined();
  });
});
