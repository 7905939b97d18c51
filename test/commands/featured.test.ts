import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { featured } from '../../commands/featured.js';
import type { Catalog } from '../../src/contracts/catalog.js';
import { parseMarker } from '../../src/featured/marker.js';
import {
  type FeaturedFixture,
  CHANNEL,
  GUILD,
  featuredFixture,
  recordFailedPost,
  recordSentPost,
  weeklySettings,
} from './featured-fixture.js';
import {
  commandInput,
  expectValidPayload,
  firstEmbed,
  servicesFor,
  shippedCatalog,
  visibleText,
} from './helpers.js';

let shipped: Catalog;
let fixture: FeaturedFixture;

beforeAll(async () => {
  shipped = await shippedCatalog();
});
beforeEach(() => {
  fixture = featuredFixture(shipped);
});
afterEach(async () => {
  await fixture.close();
});

async function run(options: Record<string, boolean> = {}, context?: Parameters<typeof commandInput>[1]) {
  const payload = await featured.execute(commandInput(options, context), fixture.services);
  expectValidPayload(payload);
  return payload;
}

function entryId(name: string): string {
  const found = shipped.index.resolve(name);
  if (found === undefined) throw new Error(`${name} is in the shipped list`);
  return found.id;
}

describe('/dsp featured', () => {
  it('is a guild-only /dsp subcommand open to everyone', () => {
    expect(featured.definition.name).toBe('featured');
    expect(featured.guildOnly).toBe(true);
    expect(featured.access ?? 'everyone').toBe('everyone');
  });

  it('says how to set it up when the server has no post yet', async () => {
    const payload = await run();
    expect(payload.ephemeral).toBe(true);
    expect(payload.content).toContain('No featured project yet');
    expect(payload.content).toContain('/dsp-admin featured set');
  });

  it('says only that there is no post yet once the server is set up', async () => {
    await fixture.store.saveFeatured(weeklySettings());
    const payload = await run();
    expect(payload.ephemeral).toBe(true);
    expect(payload.content).toBe('No featured project yet in this server.');
  });

  it('shows the project of the post the scheduler sent, with a link to it', async () => {
    await fixture.store.saveFeatured(weeklySettings());
    const fire = new Date('2026-11-23T14:00:00Z');
    fixture.clock.now = new Date(fire.getTime() + 1000);
    const outcomes = await fixture.scheduler.runPeriod('0 15 * * 1', 'Europe/Berlin', fire);
    expect(outcomes.get(GUILD)).toEqual({ status: 'sent', messageId: '9001' });
    const sent = fixture.poster.sent[0]?.payload;
    if (sent === undefined) throw new Error('the scheduler posted');
    expect(parseMarker(firstEmbed(sent).footer?.text ?? '')).toBe(fire.toISOString());

    fixture.clock.now = new Date('2026-11-26T12:00:00Z');
    const payload = await run();
    expect(payload.ephemeral).toBeUndefined();
    expect(firstEmbed(payload).title).toBe(firstEmbed(sent).title);
    expect(payload.content).toContain(`https://discord.com/channels/${GUILD}/${CHANNEL}/9001`);
    expect(payload.content).toContain(`<t:${(fire.getTime() + 1000) / 1000}:R>`);
    expect(payload.components?.length).toBe(1);
    expect((await run({ hide: true })).ephemeral).toBe(true);
  });

  it('shows the latest sent post, skipping a newer one that failed', async () => {
    await recordSentPost(fixture.store, {
      periodKey: '2026-11-16T14:00:00.000Z',
      entryId: entryId('etcd'),
      messageId: '700',
      sentAt: new Date('2026-11-16T14:00:02Z'),
    });
    await recordFailedPost(fixture.store, {
      periodKey: '2026-11-23T14:00:00.000Z',
      entryId: entryId('nsq'),
      reason: 'missing-permissions',
    });
    const payload = await run();
    expect(firstEmbed(payload).title).toBe('etcd');
    expect(payload.content).toContain(`/channels/${GUILD}/${CHANNEL}/700`);
  });

  it('says so when the featured project has left the list', async () => {
    await recordSentPost(fixture.store, {
      periodKey: '2026-11-23T14:00:00.000Z',
      entryId: 'gone-from-the-list',
      messageId: '701',
      sentAt: new Date('2026-11-23T14:00:02Z'),
    });
    const payload = await run();
    expect(payload.content).toContain('no longer in the list');
    expect(payload.content).toContain('/701');
  });

  it('works only in servers, and only with a store', async () => {
    const dm = await run({}, { userId: '100' });
    expect(dm.content).toContain('only works in servers');
    const withoutStore = await featured.execute(commandInput({}), servicesFor(shipped));
    expect(visibleText(withoutStore)).toContain('not available');
  });
});
