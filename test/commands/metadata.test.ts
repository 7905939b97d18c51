/** Project metadata in answers: search lines, sort and active, cards, random, about, admin health. */
import { describe, expect, it } from 'vitest';
import { about } from '../../commands/about.js';
import { category } from '../../commands/category.js';
import { chooseFeatured } from '../../src/featured/choose.js';
import { HIDDEN_BY_DEFAULT } from '../../src/metadata/health.js';
import { health } from '../../commands/admin/health.js';
import { buildFeaturedPost } from '../../commands/lib/featured-post.js';
import { project } from '../../commands/project.js';
import { random } from '../../commands/random.js';
import { search } from '../../commands/search.js';
import type { Catalog } from '../../src/contracts/catalog.js';
import type { MessagePayload } from '../../src/contracts/payload.js';
import { buildMetadataView } from '../../src/metadata/view.js';
import type { MetadataView } from '../../src/metadata/view.js';
import type { RepoRecord } from '../../src/metadata/types.js';
import {
  NOW,
  buttonId,
  commandInput,
  componentInput,
  expectValidPayload,
  firstEmbed,
  servicesFor,
  shippedCatalog,
  visibleText,
} from './helpers.js';

const checkedAt = new Date('2026-11-25T00:00:00Z');

function record(
  repo: string,
  stars: number,
  pushedAt: string,
  extra: Partial<RepoRecord> = {},
  archived = false,
): RepoRecord {
  return {
    repo: repo.toLowerCase(),
    status: 'ok',
    facts: {
      fullName: repo,
      stars,
      forks: 1,
      pushedAt,
      archived,
      disabled: false,
      license: 'MIT',
      topics: ['raft'],
    },
    statusSince: new Date('2026-01-01T00:00:00Z'),
    checkedAt,
    failures: 0,
    ...extra,
  };
}

function viewFor(catalog: Catalog): MetadataView {
  // Every repository gets modest numbers; a few stand out.
  const special = new Map<string, RepoRecord>([
    ['etcd-io/etcd', record('etcd-io/etcd', 48_123, '2026-08-20T00:00:00Z')],
    ['nsqio/nsq', record('nsqio/nsq', 25_000, '2026-11-20T00:00:00Z')],
    ['travisjeffery/jocko', record('travisjeffery/jocko', 4_900, '2026-10-01T00:00:00Z', {}, true)],
    ['flike/kingbus', { ...record('flike/kingbus', 800, '2026-10-01T00:00:00Z'), status: 'not-found' }],
    [
      'deepfabric/elasticell',
      record('deepfabric/elasticell', 1_200, '2026-10-01T00:00:00Z', { status: 'moved' }),
    ],
  ]);
  special.get('deepfabric/elasticell')!.facts!.fullName = 'matrixorigin/elasticell';
  const repos = catalog.doc.entries.flatMap((entry) =>
    entry.repo
      ? [special.get(entry.repo.toLowerCase()) ?? record(entry.repo, 10, '2026-06-01T00:00:00Z')]
      : [],
  );
  return buildMetadataView({
    entries: catalog.doc.entries,
    repos,
    links: [],
    now: NOW,
    lastRefresh: checkedAt,
  });
}

async function setup() {
  const catalog = await shippedCatalog();
  const services = servicesFor(catalog);
  const view = viewFor(catalog);
  services.metadata = () => view;
  return { catalog, services, view };
}

const text = (payload: MessagePayload) => visibleText(payload);

describe('search with metadata', () => {
  it('shows stars and last push on each line, and markers for deleted, archived and moved', async () => {
    const { services } = await setup();
    const answer = await search.execute(commandInput({ query: 'raft' }), services);
    expectValidPayload(answer);
    const body = firstEmbed(answer).description ?? '';
    expect(body).toMatch(
      /\*\*\[etcd\]\(https:\/\/github\.com\/etcd-io\/etcd\)\*\* — .* · ★ 48\.1k · pushed 3 months ago\n/,
    );
    expect(body).toMatch(/Kingbus.* · ★ 800 · pushed 1 month ago · ⛔ deleted/);
    expect(body).toMatch(/Jocko.* · 📦 archived/);
  });

  it('shows stars and markers on category pages too', async () => {
    const { services } = await setup();
    const page = await category.execute(commandInput({ name: 'Databases' }), services);
    expect(firstEmbed(page).description).toMatch(/Kingbus.* · ★ 800 · pushed 1 month ago · ⛔ deleted/);
  });

  it('sorts by stars or by last push, on every page', async () => {
    const { services } = await setup();
    const byStars = await search.execute(commandInput({ query: 'distributed', sort: 'stars' }), services);
    const names = (firstEmbed(byStars).description ?? '').match(/\*\*\[([^\]]+)\]/g)?.slice(0, 2);
    expect(names).toEqual(['**[etcd]', '**[nsq]']);
    expect(firstEmbed(byStars).description).toContain('Sorted by stars');
    const next = search.component!(componentInput(buttonId(byStars, 'Next')), services);
    const page2 = 'payload' in next ? next.payload : undefined;
    expect(firstEmbed(page2!).description).toContain('Sorted by stars');
    const byActivity = await search.execute(
      commandInput({ query: 'distributed', sort: 'activity' }),
      services,
    );
    expect((firstEmbed(byActivity).description ?? '').match(/\*\*\[([^\]]+)\]/)?.[1]).toBe('nsq');
  });

  it('active:true leaves out deleted, archived and moved projects', async () => {
    const { services } = await setup();
    const all = await search.execute(commandInput({ query: 'raft' }), services);
    const active = await search.execute(commandInput({ query: 'raft', active: true }), services);
    expect(text(all)).toMatch(/Kingbus/);
    expect(text(active)).not.toMatch(/Kingbus|Jocko|elasticell/);
    expect(text(active)).toContain('Active projects only');
  });

  it('without metadata, sort falls back to relevance and says so', async () => {
    const catalog = await shippedCatalog();
    const answer = await search.execute(commandInput({ query: 'raft', sort: 'stars' }), servicesFor(catalog));
    expect(text(answer)).toContain('Stars and activity are not known yet: sorted by relevance.');
    expect(text(answer)).not.toContain('★');
  });
});

describe('project cards with metadata', () => {
  it('shows stars, last push as a Discord timestamp, licence and topics', async () => {
    const { services } = await setup();
    const card = await project.execute(commandInput({ name: 'etcd' }), services);
    const fields = Object.fromEntries(
      (firstEmbed(card).fields ?? []).map((field) => [field.name, field.value]),
    );
    expect(fields).toMatchObject({
      Stars: '★ 48.1k',
      'Last push': `<t:${Date.parse('2026-08-20T00:00:00Z') / 1000}:R>`,
      Licence: 'MIT',
      Topics: 'raft',
    });
  });

  it('gives a clear notice for a deleted or moved repository, with when it was last checked', async () => {
    const { services } = await setup();
    const deleted = await project.execute(commandInput({ name: 'kingbus' }), services);
    expect(text(deleted)).toContain('⛔ Repository deleted');
    expect(text(deleted)).toContain(`last checked <t:${checkedAt.getTime() / 1000}:R>`);
    const moved = await project.execute(commandInput({ name: 'elasticell' }), services);
    expect(text(moved)).toContain(
      'Now at [github.com/matrixorigin/elasticell](https://github.com/matrixorigin/elasticell)',
    );
  });

  it('leaves deleted and archived projects out of similar projects', async () => {
    const { services } = await setup();
    for (const name of ['etcd', 'nsq', 'rqlite', 'dragonboat']) {
      const card = await project.execute(commandInput({ name }), services);
      const similar = (firstEmbed(card).fields ?? []).find((field) => field.name === 'Similar projects');
      expect(similar?.value ?? '').not.toMatch(/Kingbus|Jocko|oklog/);
    }
  });
});

describe('random, featured and about with metadata', () => {
  it('never picks deleted, dead or archived projects, unless include_inactive', async () => {
    const { services } = await setup();
    const picked = new Set<string>();
    for (let i = 0; i < 150; i++) {
      const card = await random.execute(
        commandInput({ category: 'Databases' }, { userId: `u${i}` }),
        services,
      );
      picked.add(firstEmbed(card).title ?? '');
    }
    expect([...picked].filter((name) => /Kingbus|Jocko|oklog/.test(name))).toEqual([]);
    const withInactive = new Set<string>();
    for (let i = 0; i < 150; i++) {
      const card = await random.execute(
        commandInput({ category: 'Databases', include_inactive: true }, { userId: `u${i}` }),
        services,
      );
      withInactive.add(firstEmbed(card).title ?? '');
      expect(buttonId(card, 'Another one')).toContain('i=1');
    }
    expect([...withInactive].some((name) => /Kingbus|Jocko/.test(name))).toBe(true);
  });

  it('never features deleted, dead or archived projects', async () => {
    const { catalog, view } = await setup();
    const eligible = (entry: { id: string }) => {
      const health = view.byEntry.get(entry.id)?.health.class;
      return health === undefined || !HIDDEN_BY_DEFAULT.includes(health);
    };
    const chosen = new Set<string>();
    let featuredInCycle = { cycle: 1, entryIds: new Set<string>() };
    for (let i = 0; i < 40; i++) {
      const choice = chooseFeatured({
        entries: catalog.doc.entries,
        featuredInCycle,
        rng: Math.random,
        eligible,
      });
      chosen.add(choice!.entry.id);
      featuredInCycle = {
        cycle: choice!.cycle,
        entryIds: new Set([...featuredInCycle.entryIds, choice!.entry.id]),
      };
    }
    // 34 projects (the 35th entry is a resource, never featured) less Kingbus (deleted), Jocko
    // (archived on GitHub) and oklog ([Archived] in the list).
    expect(chosen.size).toBe(31);
    expect([...chosen].filter((id) => /kingbus|jocko|oklog/.test(id))).toEqual([]);
  });

  it('shows stars and last push on the featured post', async () => {
    const { catalog, services, view } = await setup();
    const etcd = catalog.index.resolve('etcd')!;
    const post = buildFeaturedPost(etcd, { newEntries: [], marker: 'm' } as never, catalog, {
      view,
      now: services.now(),
    });
    expect(text(post)).toContain('★ 48.1k');
  });

  it('about says when metadata was refreshed, how many entries have it, and the health counts', async () => {
    const { services } = await setup();
    const answer = await about.execute(commandInput({}), services);
    const field = (firstEmbed(answer).fields ?? []).find((item) => item.name === 'Project metadata');
    expect(field?.value).toMatch(
      /^Refreshed <t:\d+:R>; 35 of 35 projects have it\.\n1 deleted · 2 archived · 1 moved · 31 ok$/,
    );
  });
});

describe('/dsp-admin health', () => {
  it('is for Manage Server, ephemeral, grouped by class with evidence, and paged', async () => {
    const { services } = await setup();
    expect(health.access).toBe('manage-guild');
    const report = await health.execute(commandInput({}), services);
    expectValidPayload(report);
    expect(report.ephemeral).toBe(true);
    const body = firstEmbed(report).description ?? '';
    expect(body).toMatch(
      /\*\*⛔ Deleted \(GitHub 404\) — 1\*\*\n\[Kingbus\]\(https:\/\/github\.com\/flike\/kingbus\) — GitHub answered 404 for flike\/kingbus · since <t:\d+:D>/,
    );
    expect(body).toMatch(/\*\*📦 Archived — 2\*\*/);
    expect(body.indexOf('Deleted')).toBeLessThan(body.indexOf('Archived'));
  });
});
