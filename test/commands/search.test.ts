import { beforeAll, describe, expect, it } from 'vitest';
import { search } from '../../commands/search.js';
import type { ComponentReply } from '../../commands/types.js';
import type { Catalog } from '../../src/contracts/catalog.js';
import type { MessagePayload } from '../../src/contracts/payload.js';
import { decodeCustomId } from '../../commands/lib/custom-id.js';
import { EXPIRED_MESSAGE } from '../../commands/lib/render.js';
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

let shipped: Catalog;
let crafted: Catalog;

beforeAll(async () => {
  shipped = await shippedCatalog();
  crafted = catalogOf(craftedDocument(), 'crafted.md');
});

async function run(
  catalog: Catalog,
  options: Record<string, string | boolean | undefined>,
): Promise<MessagePayload> {
  const payload = await search.execute(commandInput(options), servicesFor(catalog));
  expectValidPayload(payload);
  return payload;
}

async function press(catalog: Catalog, customId: string): Promise<ComponentReply> {
  const reply = await search.component?.(componentInput(customId), servicesFor(catalog));
  if (reply === undefined) throw new Error('search answers components');
  expectValidPayload(reply.payload);
  return reply;
}

describe('/dsp search', () => {
  it('lists matching projects with links, language, category and tags', async () => {
    const payload = await run(shipped, { query: 'raft' });
    const embed = firstEmbed(payload);
    expect(payload.ephemeral).toBeUndefined();
    expect(embed.description).toContain(
      '**[etcd](https://github.com/etcd-io/etcd)** — Go · Locking · Raft, gRPC',
    );
    expect(embed.footer?.text).toMatch(/^Page 1\/\d+ · \d+ projects?$/);
  });

  it('hide:true answers ephemerally', async () => {
    expect((await run(shipped, { query: 'raft', hide: true })).ephemeral).toBe(true);
    expect((await run(shipped, { query: 'raft', hide: false })).ephemeral).toBeUndefined();
  });

  it('applies the language, tag and category filters', async () => {
    const payload = await run(shipped, { query: 'distributed', language: 'golang', tag: 'raft' });
    const text = firstEmbed(payload).description ?? '';
    const lines = text.split('\n').filter((line) => line.startsWith('**['));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/— Go · .*Raft/);
    expect(text).toContain('Filters: language Go · tag Raft');

    const inQueues = await run(shipped, { query: 'distributed', category: 'queues' });
    expect(firstEmbed(inQueues).description).toContain('nsq');
    expect(firstEmbed(inQueues).description).not.toContain('etcd');
  });

  it('answers an unknown category, language or tag with an ephemeral hint', async () => {
    const category = await run(shipped, { query: 'raft', category: 'Databasez' });
    expect(category.ephemeral).toBe(true);
    expect(category.content).toBe('There is no category “Databasez” in the list. Did you mean Databases?');
    const language = await run(shipped, { query: 'raft', language: 'Cobol' });
    expect(language.ephemeral).toBe(true);
    expect(language.content).toContain('no language “Cobol”');
    const tag = await run(shipped, { query: 'raft', tag: 'Paxos' });
    expect(tag.content).toContain('no tag “Paxos”');
  });

  it('lists the languages there are for a language no name is close to, without guesses', async () => {
    const cobol = await run(shipped, { query: 'raft', language: 'Cobol' });
    expect(cobol.content).toBe(
      'There is no language “Cobol” in the list. Languages in the list: ' +
        'Go, Python, C, C++, Java, Elixir, Erlang, JavaScript, Kotlin and PHP.',
    );
    expect(cobol.content).not.toContain('Did you mean');
  });

  it('suggests the one language a typo away', async () => {
    const upstream = catalogOf(await parseFile(UPSTREAM_LIST), UPSTREAM_LIST);
    const rusr = await run(upstream, { query: 'raft', language: 'Rusr' });
    expect(rusr.content).toBe('There is no language “Rusr” in the list. Did you mean Rust?');
    const databses = await run(upstream, { query: 'raft', category: 'Databses' });
    expect(databses.content).toBe('There is no category “Databses” in the list. Did you mean Databases?');
  });

  it('offers the closest names when nothing matches', async () => {
    const payload = await run(shipped, { query: 'dkron', category: 'Queues' });
    expect(payload.ephemeral).toBe(true);
    expect(payload.content).toMatch(/^No projects match “dkron” \(category Queues\)\. Did you mean: .*dkron/);
    const nothing = await run(shipped, { query: 'qwxyz' });
    expect(nothing.content).toBe('No projects match “qwxyz”.');
  });

  it('searches for the project an autocomplete pick names', async () => {
    const etcd = shipped.index.resolve('etcd');
    if (etcd === undefined) throw new Error('etcd is in the shipped list');
    const payload = await run(shipped, { query: etcd.id });
    expect(firstEmbed(payload).title).toBe('Search: etcd');
    expect(firstEmbed(payload).description?.split('\n')[0]).toContain('[etcd]');
  });

  it('pages through results: page 1 → next → … → last, each id ≤ 100 and decodable', async () => {
    const first = await run(crafted, { query: 'consensus', language: 'rust' });
    expect(firstEmbed(first).footer?.text).toBe('Page 1/10 · 50 projects');
    expect(isButtonDisabled(first, 'Previous')).toBe(true);
    expect(isButtonDisabled(first, 'Next')).toBe(false);

    let current = first;
    const seen = new Set<string>();
    for (let page = 2; page <= 10; page += 1) {
      const reply = await press(crafted, buttonId(current, 'Next'));
      expect(reply.kind).toBe('update');
      current = reply.payload;
      const embed = firstEmbed(current);
      expect(embed.footer?.text).toBe(`Page ${page}/10 · 50 projects`);
      expect(seen.has(embed.description ?? '')).toBe(false);
      seen.add(embed.description ?? '');
    }
    expect(isButtonDisabled(current, 'Next')).toBe(true);
    expect(isButtonDisabled(current, 'Previous')).toBe(false);
    const back = await press(crafted, buttonId(current, 'Previous'));
    expect(firstEmbed(back.payload).footer?.text).toBe('Page 9/10 · 50 projects');
  });

  it('keeps old buttons working after a reload, clamping to the last page', async () => {
    let current = await run(crafted, { query: 'distributed' });
    for (let i = 0; i < 4; i += 1) current = (await press(crafted, buttonId(current, 'Next'))).payload;
    const stale = buttonId(current, 'Next');
    expect(decodeCustomId(stale)?.state['p']).toBe('6');

    const reply = await press(shipped, stale);
    expect(reply.kind).toBe('update');
    const footer = firstEmbed(reply.payload).footer?.text ?? '';
    const [, page, pages] = /^Page (\d+)\/(\d+)/.exec(footer) ?? [];
    expect(page).toBe(pages);
  });

  it('shortens a long query to fit the custom id and says so', async () => {
    const query = `distributed ${'consensus '.repeat(9)}`.trim();
    const first = await run(crafted, { query, category: 'Big One' });
    const next = buttonId(first, 'Next');
    expect(next.length).toBeLessThanOrEqual(100);
    expect(decodeCustomId(next)?.shortened.has('q')).toBe(true);
    const reply = await press(crafted, next);
    expect(reply.kind).toBe('update');
    expect(firstEmbed(reply.payload).description).toContain('shortened');
    const third = await press(crafted, buttonId(reply.payload, 'Next'));
    expect(firstEmbed(third.payload).footer?.text).toMatch(/^Page 3\//);
    expect(firstEmbed(third.payload).description).toContain('shortened');
  });

  it('answers a garbage or foreign custom id as expired', async () => {
    for (const id of ['garbage', 'search:9|p=2|q=x', 'search:1|q=raft', 'random:1|p=2|q=raft']) {
      const reply = await press(shipped, id);
      expect(reply.kind).toBe('reply');
      expect(reply.payload.content).toBe(EXPIRED_MESSAGE);
      expect(reply.payload.ephemeral).toBe(true);
    }
  });

  it('renders hostile list text literally', async () => {
    const payload = await run(crafted, { query: 'evil' });
    const text = visibleText(payload);
    expect(text).not.toMatch(/@everyone|@here/);
    // No masked link whose target is not http(s): every `](` that is not escaped opens one.
    expect(text).not.toMatch(/(^|[^\\])\]\((?!https?:)/);
    expect(text).not.toMatch(/(^|[^\\])<@/);
    expect(text).toContain('\\*\\*bold\\*\\*');
    expect(text).toContain('\\`code\\`');
  });

  it('autocompletes every option with at most 25 choices of at most 100 characters', () => {
    const services = servicesFor(crafted);
    for (const focused of ['query', 'category', 'language', 'tag']) {
      for (const typed of ['', 'l', 'big', 'r', 'x'.repeat(120)]) {
        const choices = search.autocomplete?.(autocompleteInput(focused, typed), services) ?? [];
        expect(choices.length).toBeLessThanOrEqual(25);
        for (const choice of choices) {
          expect(choice.name.length).toBeGreaterThan(0);
          expect(choice.name.length).toBeLessThanOrEqual(100);
          expect(choice.value.length).toBeLessThanOrEqual(100);
        }
      }
    }
    const languages = search.autocomplete?.(autocompleteInput('language', 'go'), servicesFor(shipped)) ?? [];
    expect(languages.map((choice) => choice.value)).toContain('Go');
    const queries = search.autocomplete?.(autocompleteInput('query', 'etc'), servicesFor(shipped)) ?? [];
    expect(queries.some((choice) => choice.name.includes('etcd'))).toBe(true);
  });
});
