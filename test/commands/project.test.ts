import { beforeAll, describe, expect, it } from 'vitest';
import { about } from '../../commands/about.js';
import { project } from '../../commands/project.js';
import type { Catalog } from '../../src/contracts/catalog.js';
import { decodeCustomId, encodeCustomId } from '../../commands/lib/custom-id.js';
import { EXPIRED_MESSAGE, renderProjectCard } from '../../commands/lib/render.js';
import {
  HOSTILE_DESCRIPTION,
  LOADED_AT,
  autocompleteInput,
  buttonId,
  catalogOf,
  commandInput,
  componentInput,
  craftedDocument,
  expectValidPayload,
  firstEmbed,
  servicesFor,
  shippedCatalog,
  visibleText,
} from './helpers.js';

let shipped: Catalog;
let crafted: Catalog;

beforeAll(async () => {
  shipped = await shippedCatalog();
  crafted = catalogOf(craftedDocument(), 'https://example.com/list.md');
});

async function show(catalog: Catalog, options: Record<string, string | boolean>) {
  const payload = await project.execute(commandInput(options), servicesFor(catalog));
  expectValidPayload(payload);
  return payload;
}

function field(payload: Awaited<ReturnType<typeof show>>, name: string): string | undefined {
  return firstEmbed(payload).fields?.find((candidate) => candidate.name === name)?.value;
}

describe('/dsp project', () => {
  it('shows everything the list says, by id or by name, with similar projects', async () => {
    const etcd = shipped.index.resolve('etcd');
    if (etcd === undefined) throw new Error('etcd is in the list');
    for (const name of [etcd.id, 'ETCD']) {
      const payload = await show(shipped, { name });
      const embed = firstEmbed(payload);
      expect(embed.title).toBe('etcd');
      expect(embed.url).toBe('https://github.com/etcd-io/etcd');
      expect(embed.description).toBe(etcd.description);
      expect(field(payload, 'Language')).toBe('Go');
      expect(field(payload, 'Category')).toBe('Locking');
      expect(field(payload, 'Tags')).toBe('Raft, gRPC');
      expect(field(payload, 'Repository')).toBe('[etcd-io/etcd](https://github.com/etcd-io/etcd)');
      const similar = field(payload, 'Similar projects')?.split('\n') ?? [];
      expect(similar.length).toBeGreaterThan(0);
      expect(similar.length).toBeLessThanOrEqual(3);
      expect(similar.join('\n')).toContain('nsq');
      expect(payload.ephemeral).toBeUndefined();
    }
    expect((await show(shipped, { name: 'etcd', hide: true })).ephemeral).toBe(true);
  });

  it('shows the note and warns about archived projects', async () => {
    const couch = await show(shipped, { name: 'CouchDB' });
    expect(field(couch, 'Note')).toContain('Supports master-master setups');
    const oklog = await show(shipped, { name: 'oklog' });
    expect(field(oklog, '⚠️ Archived')).toContain('archived');
  });

  it('answers an unknown project ephemerally with did-you-mean suggestions', async () => {
    const payload = await show(shipped, { name: 'zookeepr' });
    expect(payload.ephemeral).toBe(true);
    expect(payload.content).toBe(
      'There is no project “zookeepr” in the list. Did you mean Apache Zookeeper?',
    );
  });

  it('suggests no project that is not a typo away (`nosuch` is not CouchDB)', async () => {
    const payload = await show(shipped, { name: 'nosuch' });
    expect(payload).toMatchObject({ ephemeral: true, content: 'There is no project “nosuch” in the list.' });
  });

  it('answers More like this with an ephemeral list, also after a reload', async () => {
    const payload = await show(shipped, { name: 'etcd' });
    const more = buttonId(payload, 'More like this');
    const reply = await project.component?.(componentInput(more), servicesFor(shipped));
    expect(reply?.kind).toBe('reply');
    expect(reply?.payload.ephemeral).toBe(true);
    if (reply === undefined) throw new Error('a reply');
    expectValidPayload(reply.payload);
    expect(firstEmbed(reply.payload).title).toBe('More like etcd');

    const gone = await project.component?.(componentInput(more), servicesFor(crafted));
    expect(gone?.payload.content).toBe('That project is no longer in the list.');
    const garbage = await project.component?.(componentInput('project:1|x=1'), servicesFor(shipped));
    expect(garbage?.payload.content).toBe(EXPIRED_MESSAGE);
  });

  it('finds the project of a More like this id that was cut to fit', async () => {
    const longId = `${'x'.repeat(120)}-project`;
    const doc = craftedDocument();
    const first = doc.entries[2];
    if (first === undefined) throw new Error('crafted entries');
    doc.entries[2] = { ...first, id: longId };
    const catalog = catalogOf(doc);
    const customId = encodeCustomId('project', { s: longId });
    expect(decodeCustomId(customId)?.shortened.has('s')).toBe(true);
    const reply = await project.component?.(componentInput(customId), servicesFor(catalog));
    expect(firstEmbed(reply?.payload ?? { allowedMentions: { parse: [] } }).title).toContain(
      'More like Long project 0',
    );
  });

  it('picks no project for a forged id that is empty or fits several projects', async () => {
    const forged = async (customId: string) =>
      (await project.component?.(componentInput(customId), servicesFor(shipped)))?.payload;
    expect((await forged('project:1|s~='))?.content).toBe(EXPIRED_MESSAGE);
    expect((await forged('project:1|s='))?.content).toBe(EXPIRED_MESSAGE);
    const sharedPrefix = shipped.doc.entries[0]?.id.slice(0, 1) ?? '';
    expect(shipped.doc.entries.filter((entry) => entry.id.startsWith(sharedPrefix)).length).toBeGreaterThan(
      1,
    );
    expect((await forged(`project:1|s~=${sharedPrefix}`))?.content).toBe(
      'That project is no longer in the list.',
    );
  });

  it('renders a hostile project literally: no pings, no markdown, no non-http links', async () => {
    const payload = await show(crafted, { name: 'evil-one' });
    const text = visibleText(payload);
    expect(text).not.toMatch(/@everyone|@here/);
    expect(text).not.toMatch(/(^|[^\\])<@/);
    expect(text).not.toMatch(/(^|[^\\])\]\((?!https?:)/);
    expect(firstEmbed(payload).description).toBe(
      '@\u200beveryone \\*\\*bold\\*\\* \\`code\\` \\[x\\](javascript:alert(1)) \\<@123> @\u200bhere \\~\\~s\\~\\~ \\|\\|spoiler\\|\\|',
    );
    expect(HOSTILE_DESCRIPTION).toContain('@everyone');
    expect(field(payload, 'Note')).toBe('\\> quoted # heading -# sub');

    const linkless = await show(crafted, { name: 'evil-two' });
    expect(firstEmbed(linkless).url).toBeUndefined();
  });

  it('keeps a card of a 100-entry category of long texts within embed limits', () => {
    for (const entry of crafted.doc.entries) {
      const card = renderProjectCard(entry, { similar: crafted.index.similar(entry.id, 3) });
      expectValidPayload(card);
      expect(card.ephemeral).toBeUndefined();
    }
  });

  it('autocompletes names with entry ids as values', () => {
    const choices = project.autocomplete?.(autocompleteInput('name', 'etc'), servicesFor(shipped)) ?? [];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    const etcd = choices.find((choice) => choice.name.includes('etcd'));
    expect(shipped.index.get(etcd?.value ?? '')).toBeDefined();
    const all = project.autocomplete?.(autocompleteInput('name', ''), servicesFor(crafted)) ?? [];
    expect(all.length).toBe(25);
    for (const choice of all) expect(choice.name.length).toBeLessThanOrEqual(100);
  });
});

describe('/dsp about', () => {
  it('tells the list, its source and size, when it was loaded and the dsp version', async () => {
    const payload = await about.execute(commandInput({}), servicesFor(shipped));
    expectValidPayload(payload);
    const embed = firstEmbed(payload);
    expect(embed.title).toBe('Awesome Distributed System Projects');
    const fields = Object.fromEntries((embed.fields ?? []).map((item) => [item.name, item.value]));
    expect(fields['Projects']).toBe('34');
    expect(fields['Resources']).toBe('1');
    expect(fields['Categories']).toBe('11');
    expect(fields['Loaded']).toBe(`<t:${LOADED_AT.getTime() / 1000}:R>`);
    expect(fields['Source']).toBe(
      '[github.com/roma-glushko/awesome-distributed-system-projects](https://github.com/roma-glushko/awesome-distributed-system-projects) (bundled with dsp)',
    );
    expect(embed.footer?.text).toBe('dsp 0.1.0-test');
    expect(payload.ephemeral).toBeUndefined();
  });

  const sourceShown = async (source: string) => {
    const payload = await about.execute(commandInput({}), servicesFor(catalogOf(shipped.doc, source)));
    expectValidPayload(payload);
    return firstEmbed(payload).fields?.find((item) => item.name === 'Source')?.value;
  };

  it('shows a file source by its name only, never the folders it is in', async () => {
    expect(await sourceShown('/home/operator/private/lists/distributed.md')).toBe('distributed.md');
    expect(await sourceShown('C:\\Users\\operator\\lists\\distributed.md')).toBe('distributed.md');
  });

  it('shows a URL source without user info and without credential values', async () => {
    const shown = await sourceShown('https://reader:hunter22@lists.example.com/dsp.md?token=s3cr3t&page=2');
    expect(shown).toBe(
      '[lists.example.com/dsp.md?token=REDACTED&page=2](https://lists.example.com/dsp.md?token=REDACTED&page=2)',
    );
  });

  it('links an http(s) source, escapes the title and counts sub-categories', async () => {
    const payload = await about.execute(commandInput({ hide: true }), servicesFor(crafted));
    expectValidPayload(payload);
    expect(payload.ephemeral).toBe(true);
    const embed = firstEmbed(payload);
    expect(embed.title).toBe('Crafted \\*\\*List\\*\\* @\u200beveryone');
    const fields = Object.fromEntries((embed.fields ?? []).map((item) => [item.name, item.value]));
    expect(fields['Source']).toBe('[example.com/list.md](https://example.com/list.md)');
    expect(fields['Categories']).toBe('2 (+2 sub-categories)');
  });
});
