import { ComponentType } from 'discord-api-types/v10';
import type { APIStringSelectComponent } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import { categories } from '../../commands/categories.js';
import { category } from '../../commands/category.js';
import type { ComponentReply, SubcommandModule } from '../../commands/types.js';
import type { Catalog } from '../../src/contracts/catalog.js';
import type { MessagePayload } from '../../src/contracts/payload.js';
import { decodeCustomId, encodeCustomId } from '../../commands/lib/custom-id.js';
import { EXPIRED_MESSAGE } from '../../commands/lib/render.js';
import type { ListDocument } from '../../src/list/types.js';
import {
  autocompleteInput,
  buttonId,
  catalogOf,
  commandInput,
  componentInput,
  craftedDocument,
  expectValidPayload,
  firstEmbed,
  isButtonDisabled,
  parseFile,
  servicesFor,
  shippedCatalog,
  UPSTREAM_LIST,
  visibleText,
} from './helpers.js';
import { entry } from '../support/entry.js';

let shipped: Catalog;
let crafted: Catalog;

beforeAll(async () => {
  shipped = await shippedCatalog();
  crafted = catalogOf(craftedDocument(), 'crafted.md');
});

async function run(module: SubcommandModule, catalog: Catalog, options: Record<string, string | boolean>) {
  const payload = await module.execute(commandInput(options), servicesFor(catalog));
  expectValidPayload(payload);
  return payload;
}

async function press(module: SubcommandModule, catalog: Catalog, customId: string, values: string[] = []) {
  const reply: ComponentReply | undefined = await module.component?.(
    componentInput(customId, values),
    servicesFor(catalog),
  );
  if (reply === undefined) throw new Error(`${module.definition.name} answers components`);
  expectValidPayload(reply.payload);
  return reply;
}

function selects(payload: MessagePayload): APIStringSelectComponent[] {
  return (payload.components ?? []).flatMap((row) =>
    row.components.filter(
      (component): component is APIStringSelectComponent => component.type === ComponentType.StringSelect,
    ),
  );
}

/** A list of `count` categories, one project each. */
function manyCategories(count: number): ListDocument {
  const names = Array.from({ length: count }, (_, i) => `Category ${String(i).padStart(3, '0')}`);
  return {
    title: 'Many',
    categories: names.map((name, i) => ({ name, depth: 2, line: i * 3 + 1, entryCount: 1 })),
    entries: names.map((name, i) =>
      entry(`p${i}`, { name: `Project ${i}`, category: name, line: i * 3 + 2 }),
    ),
    diagnostics: [],
  };
}

describe('/dsp categories', () => {
  it('lists every category with its count and a menu that opens one', async () => {
    const payload = await run(categories, shipped, {});
    const embed = firstEmbed(payload);
    expect(embed.description).toContain('**Databases** — 8 projects');
    expect(embed.description).toContain('**Schedulers** — 1 project');
    expect(embed.footer?.text).toBe('11 categories · 34 projects · 1 resource');
    const [menu] = selects(payload);
    expect(menu?.options.map((option) => option.value)).toContain('File Systems');
    expect(payload.ephemeral).toBeUndefined();
    expect((await run(categories, shipped, { hide: true })).ephemeral).toBe(true);
  });

  it('shows resource sections apart, after the project categories, still opened from the menu', async () => {
    const upstream = catalogOf(await parseFile(UPSTREAM_LIST), UPSTREAM_LIST);
    const payload = await run(categories, upstream, {});
    const lines = firstEmbed(payload).description?.split('\n') ?? [];
    const heading = lines.indexOf('__Resources__: reading, talks, courses and other lists');
    expect(heading).toBeGreaterThan(0);
    expect(lines.slice(heading + 1)).toEqual(['**Other Resources** — 7 resources']);
    expect(lines.slice(0, heading)).toContain('**Gateways** — 7 projects');
    expect(firstEmbed(payload).footer?.text).toBe('15 categories · 134 projects · 7 resources');
    const options = selects(payload).flatMap((menu) => menu.options.map((option) => option.value));
    expect(options.at(-1)).toBe('Other Resources');
    const reply = await press(categories, upstream, selects(payload)[0]?.custom_id ?? '', [
      'Other Resources',
    ]);
    expect(firstEmbed(reply.payload).footer?.text).toBe('Page 1/2 · 7 resources');
    expect(firstEmbed(reply.payload).description).toContain('Resource · Other Resources');
  });

  it('indents sub-categories under their category', async () => {
    const payload = await run(categories, crafted, {});
    expect(firstEmbed(payload).description).toContain(
      '**Big** — 100 projects\n\u2003↳ Big One — 60 projects\n\u2003↳ Big Two — 40 projects',
    );
  });

  it('opens the selected category as an ephemeral first page', async () => {
    const payload = await run(categories, shipped, {});
    const [menu] = selects(payload);
    if (menu === undefined) throw new Error('a menu');
    const reply = await press(categories, shipped, menu.custom_id, ['Queues']);
    expect(reply.kind).toBe('reply');
    expect(reply.payload.ephemeral).toBe(true);
    expect(firstEmbed(reply.payload).title).toBe('Queues');
    expect(firstEmbed(reply.payload).description).toContain('nsq');
  });

  it('answers a category that vanished after a reload', async () => {
    const reply = await press(categories, shipped, encodeCustomId('categories', { r: 0 }), ['Big One']);
    expect(reply.payload.ephemeral).toBe(true);
    expect(reply.payload.content).toContain('no category “Big One”');
  });

  it('splits more than 25 categories over menus of 25, at most five', async () => {
    const sixty = await run(categories, catalogOf(manyCategories(60)), {});
    expect(selects(sixty).map((menu) => menu.options.length)).toEqual([25, 25, 10]);
    const many = await run(categories, catalogOf(manyCategories(140)), {});
    expect(selects(many)).toHaveLength(5);
    expect(firstEmbed(many).description).toContain('use `/dsp category` for the others');
  });
});

describe('/dsp category', () => {
  it('lists a category’s projects in list order', async () => {
    const payload = await run(category, shipped, { name: 'locking' });
    const embed = firstEmbed(payload);
    expect(embed.title).toBe('Locking');
    expect(embed.description?.indexOf('etcd')).toBeLessThan(embed.description?.indexOf('Zookeeper') ?? -1);
    expect(embed.footer?.text).toBe('Page 1/1 · 2 projects');
    expect(payload.components).toEqual([]);
  });

  it('pages a 100-project category of long descriptions within embed limits', async () => {
    let payload = await run(category, crafted, { name: 'Big' });
    expect(firstEmbed(payload).footer?.text).toBe('Page 1/20 · 100 projects');
    expect(isButtonDisabled(payload, 'Previous')).toBe(true);
    for (let page = 2; page <= 20; page += 1) {
      const reply = await press(category, crafted, buttonId(payload, 'Next'));
      expect(reply.kind).toBe('update');
      payload = reply.payload;
      expect(firstEmbed(payload).footer?.text).toBe(`Page ${page}/20 · 100 projects`);
    }
    expect(isButtonDisabled(payload, 'Next')).toBe(true);
    expect(firstEmbed(payload).description).toContain('Long project 99');
  });

  it('lists a sub-category, also written as Parent › Child', async () => {
    for (const name of ['Big Two', 'big › big two']) {
      const payload = await run(category, crafted, { name });
      expect(firstEmbed(payload).title).toBe('Big › Big Two');
      expect(firstEmbed(payload).footer?.text).toBe('Page 1/8 · 40 projects');
    }
  });

  it('clamps a stale page to the last page after a reload', async () => {
    const stale = encodeCustomId('category', { c: 'Databases', p: 7 });
    const reply = await press(category, shipped, stale);
    expect(reply.kind).toBe('update');
    expect(firstEmbed(reply.payload).footer?.text).toBe('Page 2/2 · 8 projects');
    const gone = await press(category, shipped, encodeCustomId('category', { c: 'Big', p: 2 }));
    expect(gone.kind).toBe('reply');
    expect(gone.payload.content).toContain('no longer in the list');
    const garbage = await press(category, shipped, 'category:1|c=Databases');
    expect(garbage.payload.content).toBe(EXPIRED_MESSAGE);
  });

  it('answers an unknown category ephemerally with suggestions', async () => {
    const payload = await run(category, shipped, { name: 'Queue' });
    expect(payload.ephemeral).toBe(true);
    expect(payload.content).toContain('no category “Queue”');
    expect(payload.content).toContain('Queues');
  });

  it('renders hostile entries literally and links only http(s)', async () => {
    const payload = await run(category, crafted, { name: 'Hostile' });
    const text = visibleText(payload);
    expect(text).not.toMatch(/@everyone|@here/);
    expect(text).not.toMatch(/(^|[^\\])\]\((?!https?:)/);
    expect(text).toContain('Linkless \\[x\\](javascript:alert(1))');
    expect(text).toContain('\\# heading');
  });

  it('autocompletes names within Discord limits', () => {
    const choices = category.autocomplete?.(autocompleteInput('name', 'big'), servicesFor(crafted)) ?? [];
    expect(choices.map((choice) => choice.value)).toEqual(
      expect.arrayContaining(['Big', 'Big One', 'Big Two']),
    );
    for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);
    expect(decodeCustomId(encodeCustomId('category', { c: 'x'.repeat(200), p: 1 }))?.shortened.has('c')).toBe(
      true,
    );
  });
});
