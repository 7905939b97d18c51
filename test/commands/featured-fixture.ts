/**
 * FeaturedServices for the command tests, over a real SQLite store and a real FeaturedScheduler
 * (never started: no timers), with channel access the test controls.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Catalog } from '../../src/contracts/catalog.js';
import type { ChannelAccess, FeaturedServices } from '../../src/contracts/featured.js';
import { buildFeaturedPost } from '../../commands/lib/featured-post.js';
import { FeaturedScheduler } from '../../src/featured/scheduler.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { FeaturedSettingsInput, Store } from '../../src/store/types.js';
import { FakePoster } from '../support/fake-poster.js';
import { seededRng } from '../support/random.js';
import { silentLogger } from '../support/silent-logger.js';
import { GUILD_CONTEXT, NOW, type TestServices, servicesFor } from './helpers.js';

export const GUILD = GUILD_CONTEXT.guildId;
export const CHANNEL = '555000000000000001';
export const HOUR = 3600;

export const CAN_POST: ChannelAccess = { exists: true, textBased: true, missing: [] };

export interface FeaturedFixture {
  store: Store;
  scheduler: FeaturedScheduler;
  /** Answers with message ids 9001, 9002, … */
  poster: FakePoster;
  services: TestServices & { featured: FeaturedServices };
  /** Channel access by channel id; channels not in the map are fully postable. */
  access: Map<string, ChannelAccess>;
  clock: { now: Date };
  close(): Promise<void>;
}

export function featuredFixture(catalog: Catalog, minIntervalSeconds = HOUR): FeaturedFixture {
  const dir = mkdtempSync(join(tmpdir(), 'dsp-commands-featured-'));
  const store = openSqliteStore(dir);
  const clock = { now: NOW };
  const poster = new FakePoster({ messageId: (n) => String(9000 + n) });
  const scheduler = new FeaturedScheduler({
    store,
    catalog: () => catalog,
    poster,
    buildPost: (entry, context) => buildFeaturedPost(entry, context, catalog),
    logger: silentLogger,
    now: () => clock.now,
    rng: seededRng(3),
    cron: () => ({ stop() {} }),
    options: { sweepCron: null },
  });
  const access = new Map<string, ChannelAccess>();
  const featured: FeaturedServices = {
    settings: (guildId) => store.getFeatured(guildId),
    async save(settings) {
      await store.saveFeatured(settings);
      await scheduler.refresh();
    },
    disable: (guildId) => store.disableFeatured(guildId, clock.now),
    resume: (guildId) => store.resumeFeatured(guildId, clock.now),
    history: (guildId, limit) => store.recentPosts(guildId, limit),
    async preview(guildId) {
      const preview = await scheduler.preview(guildId);
      return preview && { entry: preview.entry, payload: preview.payload, fireAt: preview.fireAt };
    },
    channelAccess: (_guildId, channelId) => access.get(channelId) ?? CAN_POST,
    minIntervalSeconds,
  };
  const services = { ...servicesFor(catalog), now: () => clock.now, featured };
  return {
    store,
    scheduler,
    poster,
    services,
    access,
    clock,
    async close() {
      await scheduler.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function weeklySettings(overrides: Partial<FeaturedSettingsInput> = {}): FeaturedSettingsInput {
  return {
    guildId: GUILD,
    channelId: CHANNEL,
    schedule: '0 15 * * 1',
    timezone: 'Europe/Berlin',
    enabled: true,
    updatedAt: new Date('2026-11-01T00:00:00Z'),
    ...overrides,
  };
}

/** Records a sent post directly in the store, as the scheduler would. */
export async function recordSentPost(
  store: Store,
  post: { periodKey: string; entryId: string; messageId: string; sentAt: Date; channelId?: string },
): Promise<void> {
  await store.claimPost({
    guildId: GUILD,
    periodKey: post.periodKey,
    channelId: post.channelId ?? CHANNEL,
    entryId: post.entryId,
    cycle: 1,
    claimedAt: post.sentAt,
    claimant: 'test',
  });
  await store.recordPostSent(GUILD, post.periodKey, post.messageId, post.sentAt);
}

export async function recordFailedPost(
  store: Store,
  post: { periodKey: string; entryId: string; reason: string },
): Promise<void> {
  const at = new Date(post.periodKey);
  await store.claimPost({
    guildId: GUILD,
    periodKey: post.periodKey,
    channelId: CHANNEL,
    entryId: post.entryId,
    cycle: 1,
    claimedAt: at,
    claimant: 'test',
  });
  await store.recordPostFailed(GUILD, post.periodKey, post.reason, at);
}
