/**
 * The CLI and `/dsp` resolve categories, languages, tags and projects the same way and say the
 * same thing when one is not in the list (issue 11, item 10).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { category } from '../../commands/category.js';
import { project } from '../../commands/project.js';
import { random } from '../../commands/random.js';
import { search } from '../../commands/search.js';
import type { SubcommandModule } from '../../commands/types.js';
import { runCli } from '../../src/cli/program.js';
import type { Catalog } from '../../src/contracts/catalog.js';
import {
  UPSTREAM_LIST,
  catalogOf,
  commandInput,
  parseFile,
  servicesFor,
  shippedCatalog,
} from '../commands/helpers.js';

let shipped: Catalog;
let upstream: Catalog;

beforeAll(async () => {
  shipped = await shippedCatalog();
  upstream = catalogOf(await parseFile(UPSTREAM_LIST), UPSTREAM_LIST);
});

/** What the CLI prints for an error, without its `error: ` prefix; fails unless it exits 1. */
async function cliError(...argv: string[]): Promise<string> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), random: () => 0 });
  expect({ code, out }).toEqual({ code: 1, out: '' });
  expect(err).toMatch(/^error: [^\n]+\n$/);
  return err.slice('error: '.length, -1);
}

/** What the bot answers, which must be an ephemeral text notice. */
async function botNotice(
  module: SubcommandModule,
  catalog: Catalog,
  options: Record<string, string>,
): Promise<string> {
  const payload = await module.execute(commandInput(options), servicesFor(catalog));
  expect(payload.ephemeral).toBe(true);
  expect(payload.embeds ?? []).toEqual([]);
  return payload.content ?? '';
}

describe('the CLI and /dsp agree', () => {
  it('an unknown category: dsp random, dsp category and the bot give one text', async () => {
    const texts = [
      await cliError('random', '--category', 'Nope'),
      await cliError('category', 'Nope'),
      await cliError('search', 'raft', '--category', 'Nope'),
      await botNotice(random, shipped, { category: 'Nope' }),
      await botNotice(category, shipped, { name: 'Nope' }),
      await botNotice(search, shipped, { query: 'raft', category: 'Nope' }),
    ];
    expect(new Set(texts).size).toBe(1);
    expect(texts[0]).toMatch(
      /^There is no category “Nope” in the list\. Categories in the list: Databases, /,
    );
  });

  it('an unknown language: an error (exit 1) listing the languages, as the bot says, no guesses', async () => {
    const cli = await cliError('search', 'raft', '--language', 'Cobol');
    expect(cli).toBe(await botNotice(search, shipped, { query: 'raft', language: 'Cobol' }));
    expect(await cliError('random', '--language', 'Cobol')).toBe(cli);
    expect(cli).toBe(
      'There is no language “Cobol” in the list. Languages in the list: ' +
        'Go, Python, C, C++, Java, Elixir, Erlang, JavaScript, Kotlin and PHP.',
    );
  });

  it('a typo: one close suggestion, the same on both', async () => {
    const list = ['--list', UPSTREAM_LIST];
    const rusr = await cliError('search', 'raft', '--language', 'Rusr', ...list);
    expect(rusr).toBe('There is no language “Rusr” in the list. Did you mean Rust?');
    expect(rusr).toBe(await botNotice(random, upstream, { language: 'Rusr' }));
    const databses = await cliError('category', 'Databses', ...list);
    expect(databses).toBe('There is no category “Databses” in the list. Did you mean Databases?');
    expect(databses).toBe(await botNotice(category, upstream, { name: 'Databses' }));
    expect(await cliError('random', '--tag', 'Raftt')).toBe(
      await botNotice(random, shipped, { tag: 'Raftt' }),
    );
  });

  it('an unknown project: no far-fetched guess (`nosuch` is not CouchDB), the same on both', async () => {
    const nosuch = await cliError('show', 'nosuch');
    expect(nosuch).toBe('There is no project “nosuch” in the list.');
    expect(nosuch).toBe(await botNotice(project, shipped, { name: 'nosuch' }));
    const zookeepr = await cliError('show', 'zookeepr');
    expect(zookeepr).toBe(await botNotice(project, shipped, { name: 'zookeepr' }));
    expect(zookeepr).toContain('Did you mean Apache Zookeeper?');
  });

  it('filters that each exist but match nothing together', async () => {
    const cli = await cliError('random', '--category', 'Locking', '--language', 'Python');
    expect(cli).toBe(await botNotice(random, shipped, { category: 'Locking', language: 'Python' }));
  });
});
