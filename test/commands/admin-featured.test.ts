import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { featuredHistory } from '../../commands/admin/featured-history.js';
import { featuredPreview } from '../../commands/admin/featured-preview.js';
import { featuredSet } from '../../commands/admin/featured-set.js';
import { featuredStatus } from '../../commands/admin/featured-status.js';
import { featuredOff, featuredResume } from '../../commands/admin/featured-toggle.js';
import type { OptionValue, SubcommandModule } from '../../commands/types.js';
import type { Catalog } from '../../src/contracts/catalog.js';
import type { MessagePayload } from '../../src/contracts/payload.js';
import { escapeInline } from '../../commands/lib/escape.js';
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
  GUILD_CONTEXT,
  autocompleteInput,
  buttonId,
  commandInput,
  expectValidPayload,
  firstEmbed,
  shippedCatalog,
  visibleText,
} from './helpers.js';

/** Mon 30 Nov 2026 15:00 in Berlin (CET, UTC+1): the weekly post after Thursday 26 Nov 12:00 UTC. */
const NEXT_BERLIN_MONDAY = Date.UTC(2026, 10, 30, 14) / 1000;

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

async function run(module: SubcommandModule, options: Record<string, OptionValue | undefined> = {}) {
  const payload = await module.execute(commandInput(options), fixture.services);
  expectValidPayload(payload);
  expect(payload.ephemeral).toBe(true);
  return payload;
}

const set = (options: Record<string, OptionValue | undefined>) =>
  run(featuredSet, { channel: CHANNEL, ...options });
const saved = () => fixture.store.getFeatured(GUILD);

function field(payload: MessagePayload, name: string): string {
  const value = firstEmbed(payload).fields?.find((candidate) => candidate.name === name)?.value;
  if (value === undefined) throw new Error(`No field ${name} in ${JSON.stringify(payload)}`);
  return value;
}

function entryId(name: string): string {
  const found = shipped.index.resolve(name);
  if (found === undefined) throw new Error(`${name} is in the shipped list`);
  return found.id;
}

describe('/dsp-admin featured set', () => {
  it('saves a weekly UTC schedule by default and says when the next post goes out', async () => {
    const payload = await set({});
    expect(await saved()).toMatchObject({
      channelId: CHANNEL,
      schedule: '0 15 * * 1',
      timezone: 'UTC',
      enabled: true,
      updatedBy: GUILD_CONTEXT.userId,
    });
    const next = Date.UTC(2026, 10, 30, 15) / 1000;
    expect(field(payload, 'Next post')).toBe(`<t:${next}:F> (<t:${next}:R>)`);
    expect(field(payload, 'Channel')).toBe(`<#${CHANNEL}>`);
    expect(field(payload, 'Schedule')).toContain('At 15:00, only on Monday');
  });

  it('reads the presets and cron expressions in the given timezone', async () => {
    const weekly = await set({ schedule: 'Weekly', timezone: 'Europe/Berlin' });
    expect(field(weekly, 'Next post')).toBe(`<t:${NEXT_BERLIN_MONDAY}:F> (<t:${NEXT_BERLIN_MONDAY}:R>)`);
    expect(field(weekly, 'Timezone')).toBe('Europe/Berlin');

    const daily = await set({ schedule: 'daily', timezone: 'Europe/Berlin' });
    expect((await saved())?.schedule).toBe('0 15 * * *');
    expect(field(daily, 'Next post')).toContain(`<t:${Date.UTC(2026, 10, 26, 14) / 1000}:F>`);

    await set({ schedule: '30 9 * * 1-5', timezone: 'America/New_York' });
    expect(await saved()).toMatchObject({ schedule: '30 9 * * 1-5', timezone: 'America/New_York' });
  });

  it('follows daylight saving time: after the spring change, 15:00 in Berlin is 13:00 UTC', async () => {
    fixture.clock.now = new Date('2027-03-27T20:00:00Z');
    const payload = await set({ schedule: 'daily', timezone: 'Europe/Berlin' });
    expect(field(payload, 'Next post')).toContain(`<t:${Date.UTC(2027, 2, 28, 13) / 1000}:F>`);
  });

  it.each([
    [['ViewChannel'], 'missing the **View Channel** permission'],
    [['SendMessages'], 'missing the **Send Messages** permission'],
    [['EmbedLinks'], 'missing the **Embed Links** permission'],
    [
      ['ViewChannel', 'SendMessages', 'EmbedLinks'],
      '**View Channel**, **Send Messages** and **Embed Links** permissions',
    ],
  ] as const)('refuses a channel where dsp lacks %j', async (missing, words) => {
    fixture.access.set(CHANNEL, { exists: true, textBased: true, missing: [...missing] });
    const payload = await set({});
    expect(payload.content).toContain(words);
    expect(payload.content).toContain(`<#${CHANNEL}>`);
    expect(payload.content).toContain(missing.length === 1 ? 'Grant it to dsp' : 'Grant them to dsp');
    expect(await saved()).toBeUndefined();
  });

  it('refuses a channel that is not a text channel or cannot be found', async () => {
    fixture.access.set(CHANNEL, { exists: true, textBased: false, missing: [] });
    expect((await set({})).content).toContain('is not a text, announcement or forum channel');
    fixture.access.set(CHANNEL, { exists: false, textBased: false, missing: [] });
    expect((await set({})).content).toContain('cannot find');
    expect(await saved()).toBeUndefined();
  });

  it('refuses schedules that fire more often than the minimum interval', async () => {
    const seconds = await set({ schedule: '*/30 * * * * *' });
    expect(seconds.content).toContain(
      'fires every 30 seconds; the minimum is 1 hour (FEATURED_MIN_INTERVAL)',
    );
    const minutes = await set({ schedule: '0,30 * * * *', timezone: 'Europe/Berlin' });
    expect(minutes.content).toContain('fires every 30 minutes');
    expect(await saved()).toBeUndefined();
    await set({ schedule: '0 * * * *' });
    expect((await saved())?.schedule).toBe('0 * * * *');
  });

  it('refuses a too-frequent schedule whose first fire is years away (every minute of 29 February)', async () => {
    const leapDay = await set({ schedule: '* * 29 2 *' });
    expect(leapDay.content).toContain('fires every 1 minute; the minimum is 1 hour');
    expect(await saved()).toBeUndefined();
    await set({ schedule: '0 12 29 2 *' });
    expect((await saved())?.schedule).toBe('0 12 29 2 *');
  });

  it('refuses a schedule that never fires, saying so', async () => {
    for (const schedule of ['0 0 30 2 *', '0 0 31 4,6 *']) {
      expect((await set({ schedule })).content).toMatch(/impossible day of month|never fires/);
    }
    expect(await saved()).toBeUndefined();
  });

  it('explains an invalid cron expression with an example', async () => {
    for (const schedule of ['61 * * * *', 'every tuesday', '* * *']) {
      const payload = await set({ schedule });
      expect(payload.content).toMatch(/not a valid cron expression|fields/);
      expect(payload.content).toContain('Example: `schedule:0 9 * * 1`');
    }
    expect(await saved()).toBeUndefined();
  });

  it('explains an unknown timezone with examples and close names', async () => {
    const payload = await set({ timezone: 'Berlin' });
    expect(payload.content).toContain('is not a timezone dsp knows');
    expect(payload.content).toContain('`Europe/Berlin`');
    expect((await set({ timezone: 'Mars/Olympus' })).content).toContain('America/New_York');
    expect(await saved()).toBeUndefined();
  });

  it('accepts IANA aliases such as GMT, Etc/UTC and US/Eastern as written', async () => {
    for (const timezone of ['GMT', 'Etc/UTC', 'US/Eastern', 'Etc/GMT+3']) {
      const payload = await set({ timezone });
      expect(payload.content ?? '', timezone).not.toContain('is not a timezone');
      expect((await saved())?.timezone).toBe(timezone);
    }
    expect((await set({ timezone: 'europe/berlin' })).content).toContain('is not a timezone dsp knows');
  });

  it('suggests timezones as they are typed', () => {
    const choices = featuredSet.autocomplete?.(autocompleteInput('timezone', 'berl'), fixture.services) ?? [];
    expect(choices.map((choice) => choice.value)).toContain('Europe/Berlin');
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(featuredSet.autocomplete?.(autocompleteInput('schedule', 'w'), fixture.services)).toEqual([]);
    const first = featuredSet.autocomplete?.(autocompleteInput('timezone', ''), fixture.services) ?? [];
    expect(first[0]?.value).toBe('UTC');
    expect(first.map((choice) => choice.value)).toContain('Europe/Berlin');
  });
});

describe('/dsp-admin featured status', () => {
  it('says how to set it up when nothing is set', async () => {
    expect((await run(featuredStatus)).content).toContain('/dsp-admin featured set channel:#channel');
  });

  it('shows channel, schedule, timezone, next post and the last post when active', async () => {
    await fixture.store.saveFeatured(weeklySettings());
    await recordSentPost(fixture.store, {
      periodKey: '2026-11-23T14:00:00.000Z',
      entryId: entryId('etcd'),
      messageId: '777',
      sentAt: new Date('2026-11-23T14:00:03Z'),
    });
    const payload = await run(featuredStatus);
    expect(firstEmbed(payload).title).toBe('Featured posts: on');
    expect(field(payload, 'Channel')).toBe(`<#${CHANNEL}>`);
    expect(field(payload, 'Timezone')).toBe('Europe/Berlin');
    expect(field(payload, 'Schedule')).toBe('At 15:00, only on Monday (`0 15 * * 1`)');
    expect(field(payload, 'Next post')).toBe(`<t:${NEXT_BERLIN_MONDAY}:F> (<t:${NEXT_BERLIN_MONDAY}:R>)`);
    expect(field(payload, 'Last post')).toBe(
      `[etcd](https://discord.com/channels/${GUILD}/${CHANNEL}/777) <t:${Date.UTC(2026, 10, 23, 14, 0, 3) / 1000}:R>`,
    );
  });

  it('warns while active when the next post would fail', async () => {
    await fixture.store.saveFeatured(weeklySettings());
    fixture.access.set(CHANNEL, { exists: true, textBased: true, missing: ['SendMessages'] });
    const payload = await run(featuredStatus);
    expect(firstEmbed(payload).title).toBe('Featured posts: on');
    expect(field(payload, '⚠️ The next post will fail')).toContain('**Send Messages**');
  });

  it('says why posting paused and how to resume', async () => {
    await fixture.store.saveFeatured(weeklySettings());
    await fixture.store.pauseFeatured(GUILD, 'missing-permissions', new Date('2026-11-23T14:00:05Z'));
    fixture.access.set(CHANNEL, { exists: true, textBased: true, missing: ['EmbedLinks'] });
    const payload = await run(featuredStatus);
    expect(firstEmbed(payload).title).toBe('Featured posts: paused');
    expect(field(payload, 'Why it paused')).toContain('Missing Permissions');
    expect(field(payload, 'How to resume')).toContain('**Embed Links**');
    expect(field(payload, 'How to resume')).toContain('/dsp-admin featured resume');
    expect(visibleText(payload)).not.toContain('Next post');
    expect(field(payload, 'Last post')).toBe('None yet');

    fixture.access.delete(CHANNEL);
    await fixture.store.pauseFeatured(GUILD, 'unknown-channel');
    const fixed = await run(featuredStatus);
    expect(field(fixed, 'Why it paused')).toContain('no longer exists');
    expect(field(fixed, 'How to resume')).toContain('can post in the channel again');
  });

  it('says how to turn it back on when it is off', async () => {
    await fixture.store.saveFeatured(weeklySettings({ enabled: false }));
    const payload = await run(featuredStatus);
    expect(firstEmbed(payload).title).toBe('Featured posts: off');
    expect(field(payload, 'How to turn it on')).toContain('/dsp-admin featured resume');
  });
});

describe('/dsp-admin featured off and resume', () => {
  it('turns posting off keeping the settings, and back on', async () => {
    await fixture.store.saveFeatured(weeklySettings());
    expect((await run(featuredOff)).content).toContain('Featured posts are off');
    expect(await saved()).toMatchObject({ enabled: false, channelId: CHANNEL, schedule: '0 15 * * 1' });
    expect(await fixture.store.listActiveFeatured()).toEqual([]);
    expect((await run(featuredOff)).content).toContain('already off');

    const resumed = await run(featuredResume);
    expect(firstEmbed(resumed).title).toBe('Featured posts are on again');
    expect(field(resumed, 'Next post')).toContain(`<t:${NEXT_BERLIN_MONDAY}:F>`);
    expect(await saved()).toMatchObject({ enabled: true, channelId: CHANNEL });
    expect((await run(featuredResume)).content).toContain('already on');
  });

  it('refuses to resume while dsp still lacks a permission, naming it', async () => {
    await fixture.store.saveFeatured(weeklySettings());
    await fixture.store.pauseFeatured(GUILD, 'missing-access');
    fixture.access.set(CHANNEL, { exists: true, textBased: true, missing: ['SendMessages'] });
    const refused = await run(featuredResume);
    expect(refused.content).toContain('Not resumed');
    expect(refused.content).toContain('**Send Messages**');
    expect((await saved())?.pausedReason).toBe('missing-access');

    fixture.access.delete(CHANNEL);
    await run(featuredResume);
    const after = await saved();
    expect(after?.pausedReason).toBeUndefined();
    expect(after?.enabled).toBe(true);
  });

  it('says how to set it up when nothing is set', async () => {
    expect((await run(featuredOff)).content).toContain('not set up');
    expect((await run(featuredResume)).content).toContain('not set up');
  });
});

describe('/dsp-admin featured preview', () => {
  it('shows the next post, only to the admin, with its time and marker', async () => {
    await fixture.store.saveFeatured(weeklySettings());
    const payload = await run(featuredPreview);
    expect(payload.content).toContain(`<t:${NEXT_BERLIN_MONDAY}:F>`);
    expect(payload.content).toContain('Featured project');
    expect(parseMarker(firstEmbed(payload).footer?.text ?? '')).toBe(
      new Date(NEXT_BERLIN_MONDAY * 1000).toISOString(),
    );
    expect(buttonId(payload, 'More like this')).toMatch(/^project:1\|s=/);
    expect(firstEmbed(payload).title).toBe(shipped.index.get(entryOf(payload))?.name);
  });

  it('warns that nothing is posted while off', async () => {
    await fixture.store.saveFeatured(weeklySettings({ enabled: false }));
    expect((await run(featuredPreview)).content).toContain('Posting is off');
  });

  it('says how to set it up when nothing is set', async () => {
    expect((await run(featuredPreview)).content).toContain('not set up');
  });
});

/** The entry id a card's "More like this" button carries. */
function entryOf(payload: MessagePayload): string {
  return buttonId(payload, 'More like this').replace(/^project:1\|s=/, '');
}

describe('/dsp-admin featured history', () => {
  it('lists the last 10 posts newest first, with links and project names', async () => {
    await fixture.store.saveFeatured(weeklySettings());
    const names = shipped.doc.entries.slice(0, 12);
    for (const [week, entry] of names.entries()) {
      const fire = new Date(Date.UTC(2026, 8, 7 + 7 * week, 13));
      await recordSentPost(fixture.store, {
        periodKey: fire.toISOString(),
        entryId: entry.id,
        messageId: String(800 + week),
        sentAt: fire,
      });
    }
    const payload = await run(featuredHistory);
    const lines = (firstEmbed(payload).description ?? '').split('\n');
    expect(firstEmbed(payload).title).toBe('Last 10 featured posts');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toContain(`(https://discord.com/channels/${GUILD}/${CHANNEL}/811)`);
    expect(lines[0]).toContain(`[${escapeInline(names[11]?.name ?? '?')}](`);
    expect(lines[9]).toContain('/802)');
    expect(visibleText(payload)).not.toContain('/801)');
  });

  it('shows posts that did not go out, and why', async () => {
    await fixture.store.saveFeatured(weeklySettings());
    await recordFailedPost(fixture.store, {
      periodKey: '2026-11-23T14:00:00.000Z',
      entryId: entryId('etcd'),
      reason: 'unknown-channel',
    });
    const line = firstEmbed(await run(featuredHistory)).description ?? '';
    expect(line).toContain('etcd · not posted: the channel no longer exists');
  });

  it('says when there are none yet', async () => {
    expect((await run(featuredHistory)).content).toContain('not set up');
    await fixture.store.saveFeatured(weeklySettings());
    expect((await run(featuredHistory)).content).toBe('No featured posts yet.');
  });
});

describe('every admin subcommand', () => {
  it('answers outside a server and without a store with a notice', async () => {
    const modules = [
      featuredSet,
      featuredStatus,
      featuredOff,
      featuredResume,
      featuredPreview,
      featuredHistory,
    ];
    for (const module of modules) {
      const dm = await module.execute(commandInput({ channel: CHANNEL }, { userId: '1' }), fixture.services);
      expect(dm.content).toContain('only works in a server');
      const { featured: _unused, ...withoutStore } = fixture.services;
      const bare = await module.execute(commandInput({ channel: CHANNEL }), withoutStore);
      expect(bare.content).toContain('not available');
      expect(bare.ephemeral).toBe(true);
    }
  });
});
