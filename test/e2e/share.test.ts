/**
 * Sharing finds end to end (the real bot and discord.js client against the stand-in):
 * `target:@user` pings exactly that user; "Find projects" on a message finds the projects it names
 * and its button posts them for everyone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';
import { controlsOf, openingLine, titlesOf } from './read-message.js';

const ALICE = '400000000000000001';
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ standin: { strictCommands: true } });
});
afterAll(async () => {
  await harness?.stop();
});

describe('target:@user', () => {
  for (const [subcommand, options] of [
    ['project', { name: 'etcd' }],
    ['search', { query: 'raft' }],
    ['random', {}],
  ] as const) {
    it(`/dsp ${subcommand} target:@alice addresses and pings alice, and no one else`, async () => {
      const result = harness.standin.slash({
        name: 'dsp',
        subcommand,
        options: { ...options, target: ALICE },
      });
      const response = await result.waitForResponse();
      expect(result.ephemeral).toBe(false);
      expect(openingLine(response)).toBe(
        `<@${ALICE}>, <@${harness.standin.defaultUserId}> shared this with you:`,
      );
      expect(harness.standin.pings(response.id)).toEqual({ users: [ALICE], roles: [], everyone: false });
    });
  }

  it('refuses target with hide:true, for the invoker only, pinging nobody', async () => {
    const result = harness.standin.slash({
      name: 'dsp',
      subcommand: 'project',
      options: { name: 'etcd', target: ALICE, hide: true },
    });
    const response = await result.waitForResponse();
    expect(result.ephemeral).toBe(true);
    expect(response.content).toMatch(/either `target` or `hide:true`/);
    expect(harness.standin.pings(response.id)).toEqual({ users: [], roles: [], everyone: false });
  });

  it('without target, a public answer pings nobody', async () => {
    const result = harness.standin.slash({ name: 'dsp', subcommand: 'project', options: { name: 'etcd' } });
    const response = await result.waitForResponse();
    expect(harness.standin.pings(response.id)).toEqual({ users: [], roles: [], everyone: false });
  });
});

describe('"Find projects" on a message', () => {
  const channelId = () => harness.standin.guilds[0]?.channelIds[0] ?? '';

  it('is registered as a message command for guild and user installs', () => {
    const command = harness.standin.commands().find((c) => c.name === 'Find projects');
    expect(command).toMatchObject({ type: 3, integration_types: [0, 1], contexts: [0, 1, 2] });
  });

  it('finds two named projects (one misspelled) and a repository URL; the button posts them publicly', async () => {
    const target = harness.standin.postUserMessage({
      channelId: channelId(),
      userId: ALICE,
      content: 'Compare etcd with Zookeper, or https://github.com/cockroachdb/cockroach.',
    });
    const result = harness.standin.messageCommand({ name: 'Find projects', message: target });
    const response = await result.waitForResponse();
    expect(result.ephemeral).toBe(true);
    const titles = titlesOf;
    expect(titles(response)).toEqual(['etcd', 'Apache Zookeeper', 'CockroachDB']);
    const button = controlsOf(response)[0];
    expect(button?.label).toBe('Post to channel');
    const press = harness.standin.clickButton({ message: response, customId: String(button?.custom_id) });
    const posted = await press.waitForResponse();
    expect(press.ephemeral).toBe(false);
    expect(titles(posted)).toEqual(['etcd', 'Apache Zookeeper', 'CockroachDB']);
    expect(harness.standin.channelMessages(channelId()).some((m) => m.id === posted.id)).toBe(true);
    expect(harness.standin.pings(posted.id)).toEqual({ users: [], roles: [], everyone: false });
  });

  it('answers a message with no project from the list kindly, with a did-you-mean', async () => {
    const plain = harness.standin.postUserMessage({ channelId: channelId(), content: 'good morning all' });
    const result = harness.standin.messageCommand({ name: 'Find projects', message: plain });
    expect((await result.waitForResponse()).content).toBe('No projects from the list in that message.');
    expect(result.ephemeral).toBe(true);
    const close = harness.standin.postUserMessage({
      channelId: channelId(),
      content: 'is cokroch any good?',
    });
    const hinted = harness.standin.messageCommand({ name: 'Find projects', message: close });
    expect((await hinted.waitForResponse()).content).toMatch(/Did you mean: .*CockroachDB/);
  });

  it('works in a DM, as a user-installed app', async () => {
    const dm = await harness.standin.slash({ name: 'dsp', subcommand: 'about', dm: true }).waitForResponse();
    const target = harness.standin.postUserMessage({ channelId: dm.channel_id, content: 'etcd?' });
    const result = harness.standin.messageCommand({ name: 'Find projects', message: target, dm: true });
    expect(titlesOf(await result.waitForResponse())).toEqual(['etcd']);
  });
});
