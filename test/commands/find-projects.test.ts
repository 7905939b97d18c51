import { beforeAll, describe, expect, it } from 'vitest';
import { FIND_PROJECTS, NOTHING_FOUND, POST_LABEL, findProjects } from '../../commands/find-projects.js';
import type { Catalog } from '../../src/contracts/catalog.js';
import { MentionFinder } from '../../src/search/mentions.js';
import {
  GUILD_CONTEXT,
  buttonId,
  componentInput,
  expectValidPayload,
  servicesFor,
  shippedCatalog,
} from './helpers.js';

let shipped: Catalog;

beforeAll(async () => {
  shipped = await shippedCatalog();
});

const names = (text: string) => new MentionFinder(shipped.doc.entries).find(text).entries.map((e) => e.name);
const run = (text: string) => findProjects.execute({ ...GUILD_CONTEXT, text }, servicesFor(shipped));

describe('MentionFinder: projects named or linked in chat text', () => {
  it('finds names, a typo away, and repository URLs, in order of appearance', () => {
    expect(names('Compare etcd with Zookeper, or https://github.com/cockroachdb/cockroach.')).toEqual([
      'etcd',
      'Apache Zookeeper',
      'CockroachDB',
    ]);
  });

  it('finds owner/repo and multi-word names, once each', () => {
    expect(names('apache/zookeeper is Apache Zookeeper; again: apache/zookeeper')).toEqual([
      'Apache Zookeeper',
    ]);
  });

  it('finds nothing in ordinary prose, and suggests close names', () => {
    const finder = new MentionFinder(shipped.doc.entries);
    expect(finder.find('see you at lunch tomorrow, bring the slides').entries).toEqual([]);
    const near = finder.find('what about cokroch?');
    expect(near.entries).toEqual([]);
    expect(near.didYouMean.map((e) => e.name)).toContain('CockroachDB');
  });
});

describe('"Find projects" on a message', () => {
  it('is a message command installable on servers and by users', () => {
    expect(findProjects.definition).toMatchObject({
      name: FIND_PROJECTS,
      type: 3,
      integration_types: [0, 1],
      contexts: [0, 1, 2],
    });
  });

  it('answers ephemerally with compact cards and a button that posts them publicly', () => {
    const answer = run('Compare etcd with Zookeper, or https://github.com/cockroachdb/cockroach.');
    expectValidPayload(answer);
    expect(answer.ephemeral).toBe(true);
    expect(answer.embeds?.map((embed) => embed.title)).toEqual(['etcd', 'Apache Zookeeper', 'CockroachDB']);
    const posted = findProjects.component(componentInput(buttonId(answer, POST_LABEL)), servicesFor(shipped));
    expect(posted.kind).toBe('reply');
    expectValidPayload(posted.payload);
    expect(posted.payload.ephemeral).toBeUndefined();
    expect(posted.payload.embeds?.map((embed) => embed.title)).toEqual([
      'etcd',
      'Apache Zookeeper',
      'CockroachDB',
    ]);
  });

  it('shows at most 5 projects', () => {
    const text = shipped.doc.entries.map((entry) => entry.url).join(' ');
    expect(run(text).embeds).toHaveLength(5);
  });

  it('answers a message with no project kindly, with a did-you-mean when a word is close', () => {
    expect(run('good morning everyone')).toMatchObject({ content: NOTHING_FOUND, ephemeral: true });
    const near = run('have you tried cokroch?');
    expect(near.content).toMatch(/^No projects from the list in that message\. Did you mean: .*CockroachDB/);
  });
});
