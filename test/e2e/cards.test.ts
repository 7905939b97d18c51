/**
 * CARD_STYLE end to end: the real bot answers with Components V2 layouts that the stand-in checks
 * the way Discord does (a layout over its limits is refused there, so it fails here), Details
 * buttons open the right card, pagination keeps the V2 flag, the featured post carries its gallery;
 * CARD_STYLE=embed still answers with embeds.
 */
import { MessageFlags } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StandinMessage } from '../../tools/discord-standin/index.js';
import { startHarness, waitFor, type Harness } from './harness.js';
import { periodOf } from './posts.js';
import { allComponents as walk, layoutTexts } from './read-message.js';

type Json = Record<string, unknown>;
const V2 = MessageFlags.IsComponentsV2;

const sectionsOf = (message: StandinMessage) =>
  [...walk(message.components)].filter((component) => component.type === 9);
const textOf = (message: StandinMessage) => layoutTexts(message).join('\n');
const buttonId = (message: StandinMessage, label: string) => {
  const found = [...walk(message.components)].find((component) => component.label === label);
  if (!found) throw new Error(`no button "${label}" in ${JSON.stringify(message.components)}`);
  return String(found.custom_id);
};

describe('CARD_STYLE=components', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ env: { CARD_STYLE: 'components' } });
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it('answers a search with a section and a Details button per result, never pinging', async () => {
    const result = harness.standin.slash({ name: 'dsp', subcommand: 'search', options: { query: 'raft' } });
    const message = await result.waitForResponse();
    expect(message.flags & V2).toBe(V2);
    expect(message.content).toBe('');
    expect(message.embeds).toEqual([]);
    const sections = sectionsOf(message);
    expect(sections.length).toBeGreaterThan(1);
    for (const section of sections) expect((section.accessory as Json).label).toBe('Details');
    expect(textOf(message)).toMatch(/etcd/i);
    expect(textOf(message)).toMatch(/Page 1\/\d+ · \d+ projects/);
    expect(((result.callbacks[0] as Json).data as Json).allowed_mentions).toEqual({ parse: [] });
  });

  it('opens the card of the result whose Details was pressed, for the presser alone', async () => {
    const page = await harness.standin
      .slash({ name: 'dsp', subcommand: 'search', options: { query: 'distributed' } })
      .waitForResponse();
    const second = sectionsOf(page)[1];
    if (!second) throw new Error('two results');
    const resultText = String(((second.components as Json[])[0] ?? {}).content);
    const name = /\*\*\[([^\]]+)\]/.exec(resultText)?.[1];
    if (name === undefined) throw new Error(`a linked name in ${resultText}`);
    const press = harness.standin.clickButton({
      message: page,
      customId: String((second.accessory as Json).custom_id),
    });
    const card = await press.waitForResponse();
    expect(press.ephemeral).toBe(true);
    expect(card.flags & V2).toBe(V2);
    expect(textOf(card)).toContain(`### [${name}]`);
    expect(JSON.stringify(card.components)).toContain('"label":"More like this"');
    expect(JSON.stringify(card.components)).toMatch(/"type":11,"media":\{"url":"https:\/\//);
  });

  it('keeps the V2 flag when Next and Previous replace the page', async () => {
    const first = await harness.standin
      .slash({ name: 'dsp', subcommand: 'search', options: { query: 'distributed' } })
      .waitForResponse();
    const second = await harness.standin
      .clickButton({ message: first, customId: buttonId(first, 'Next') })
      .waitForResponse();
    expect(second.id).toBe(first.id);
    expect(second.flags & V2).toBe(V2);
    expect(textOf(second)).toMatch(/Page 2\//);
    const back = await harness.standin
      .clickButton({ message: second, customId: buttonId(second, 'Previous') })
      .waitForResponse();
    expect(back.flags & V2).toBe(V2);
    expect(textOf(back)).toMatch(/Page 1\//);
  });

  it('answers /dsp categories and /dsp about in the same style', async () => {
    for (const subcommand of ['categories', 'about']) {
      const message = await harness.standin.slash({ name: 'dsp', subcommand }).waitForResponse();
      expect(message.flags & V2).toBe(V2);
      expect([...walk(message.components)].some((component) => component.type === 17)).toBe(true);
    }
  });

  it('"Find projects" reads the text of a layout message', async () => {
    const card = await harness.standin
      .slash({ name: 'dsp', subcommand: 'project', options: { name: 'CouchDB' } })
      .waitForResponse();
    const result = harness.standin.messageCommand({ name: 'Find projects', message: card });
    const found = await result.waitForResponse();
    expect(result.ephemeral).toBe(true);
    expect(textOf(found)).toMatch(/### \[CouchDB\]/);
  });

  it('shares a card with a member: the line that pings them, and only them', async () => {
    const target = harness.standin.defaultUserId;
    const result = harness.standin.slash({
      name: 'dsp',
      subcommand: 'project',
      options: { name: 'etcd', target },
    });
    const message = await result.waitForResponse();
    expect(message.flags & V2).toBe(V2);
    expect(textOf(message)).toContain(`<@${target}>`);
    expect(((result.callbacks[0] as Json).data as Json).allowed_mentions).toEqual({
      parse: [],
      users: [target],
    });
  });
});

describe('the featured post in the components style', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.stop();
    harness = undefined;
  });

  it('is a V2 card with the social preview gallery, found again by its marker', async () => {
    harness = await startHarness({ env: { CARD_STYLE: 'components', FEATURED_MIN_INTERVAL: '1' } });
    const guild = harness.standin.guilds[0];
    const channelId = guild?.channelIds[0] ?? '';
    await harness.standin
      .slash({
        name: 'dsp-admin',
        group: 'featured',
        subcommand: 'set',
        options: { channel: channelId, schedule: '*/2 * * * * *', timezone: 'UTC' },
        memberPermissions: ['ManageGuild', 'ViewChannel', 'SendMessages'],
      })
      .waitForResponse();
    const h = harness;
    const post = await waitFor(
      () => h.standin.channelMessages(channelId).find((message) => periodOf(message) !== undefined),
      30_000,
      'a featured post',
    );
    expect(post.flags & V2).toBe(V2);
    expect(post.content).toBe('');
    expect(textOf(post)).toMatch(/⭐ \*\*Featured project: /);
    const gallery = [...walk(post.components)].find((component) => component.type === 12);
    expect(JSON.stringify(gallery)).toMatch(/https:\/\/opengraph\.githubassets\.com\/1\/[^/]+\/[^/"]+/);
  });
});

describe('CARD_STYLE=embed', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.stop();
    harness = undefined;
  });

  it('answers with embeds as before: no V2 flag, buttons in action rows', async () => {
    harness = await startHarness({ env: { CARD_STYLE: 'embed' } });
    const message = await harness.standin
      .slash({ name: 'dsp', subcommand: 'search', options: { query: 'distributed' } })
      .waitForResponse();
    expect(message.flags & V2).toBe(0);
    const footer = String((((message.embeds as Json[])[0] ?? {}).footer as Json | undefined)?.text);
    expect(footer).toMatch(/^Page 1\/\d+ · \d+ projects$/);
    expect((message.components as Json[]).map((row) => row.type)).toEqual([1]);
  });
});
