/**
 * The composition root: builds every part from the configuration and wires them together.
 * Nothing else constructs clients, stores or servers. It is one file on purpose (and so above
 * ~300 lines): the start order, what each part is handed and the reverse stop order on failure
 * read as one sequence, and splitting it would only move that wiring apart.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { CommandServices } from './contracts/services.js';
import { buildFeaturedPost } from '../commands/lib/featured-post.js';
import { buildDigest } from '../commands/lib/updates-digest.js';
import { createBot, type Bot } from './discord/bot.js';
import { createFeaturedServices } from './discord/featured-services.js';
import { createUpdatesServices } from './discord/updates-services.js';
import { UpdatesEngine } from './updates/engine.js';
import { createProcessRegistry } from './sharding/process-registry.js';
import { clientShards, shardPlan } from './discord/sharding.js';
import { createRecentPicks } from './search/recent-picks.js';
import { startLiveCatalog } from './catalog/index.js';
import type { LiveCatalog } from './catalog/types.js';
import type { Config } from './config/index.js';
import { createDiscordPoster } from './discord/poster.js';
import { COMMAND_DEFINITIONS, commandRegistry } from './discord/commands.js';
import { FeaturedScheduler } from './featured/scheduler.js';
import { ownsGuildFn, shardOf } from './sharding/shards.js';
import type { FeaturedPoster } from './featured/types.js';
import { startHttpServer, type RunningHttpServer } from './http/index.js';
import { createMetrics, type Metrics } from './http/metrics.js';
import { readListSource } from './list/source.js';
import { assertStateDirectory } from './state-dir.js';
import { openStore } from './store/open.js';
import type { Store } from './store/types.js';
import { describeError } from './text/describe-error.js';
import { readVersion } from './version.js';
import type { Clock } from './metadata/clock.js';
import { HIDDEN_BY_DEFAULT } from './metadata/health.js';
import { createMetadataMetrics } from './metadata/metrics.js';
import { MetadataRefresher } from './metadata/refresher.js';

/** Entry ids recorded as seen per store write after a reload. */
const SEEN_IDS_PER_WRITE = 500;

export interface App {
  bot: Bot;
  services: CommandServices;
  /**
   * A list slower than LIST_GRACE_MS keeps loading while the bot logs in (interactions meanwhile get
   * a short "loading" answer): `catalog.whenLoaded()` resolves once it is served, and rejects when
   * no list can be loaded, which the caller should treat as fatal.
   */
  catalog: LiveCatalog;
  store: Store;
  metrics: Metrics;
  http?: RunningHttpServer;
  scheduler: FeaturedScheduler;
  /** The updates channel's digests. */
  updates: UpdatesEngine;
  /** Background project metadata; absent when ENRICH is off. */
  metadata?: MetadataRefresher;
  /** Graceful: stop interactions and the scheduler, let work finish, disconnect, close the store. */
  stop(): Promise<void>;
}

export interface AppOverrides {
  now?: () => Date;
  rng?: () => number;
  /** Port for the HTTP server instead of the configured one ('ephemeral' in tests). */
  httpPort?: number | 'ephemeral';
  /** Clock for metadata rate-limit waits and retry backoff (tests: one that does not sleep). */
  metadataClock?: Clock;
}

/** What /readyz reports: the gateway connected, a list served, the store writable. */
async function readiness(parts: { gatewayConnected: boolean; catalog: LiveCatalog; store: Store }) {
  const checks = {
    gateway: parts.gatewayConnected ? { ok: true } : { ok: false, detail: 'not connected' },
    list: parts.catalog.health(),
    store: await parts.store.checkWritable().then(
      () => ({ ok: true }),
      (error: unknown) => ({ ok: false, detail: describeError(error) }),
    ),
  };
  return { ready: Object.values(checks).every((check) => check.ok), checks };
}

type Undo = () => unknown;

/**
 * How long the start waits for the first list before logging in anyway. A list that fails within
 * it (a missing file, a refused URL) stops the start before Discord is contacted, as it always
 * did; a list that takes longer loads while the bot logs in and answers "loading" meanwhile.
 */
const LIST_GRACE_MS = 3_000;

/** Resolves when the first list is served or `graceMs` have passed; rejects when it failed by then. */
async function listFailureOrGrace(catalog: LiveCatalog, graceMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs);
  });
  try {
    await Promise.race([catalog.whenLoaded(), grace]);
  } finally {
    clearTimeout(timer);
  }
}

/** Starts everything; on failure, whatever was started is stopped and the store closed (no -wal/-shm left). */
export async function startApp(config: Config, logger: Logger, overrides: AppOverrides = {}): Promise<App> {
  assertStateDirectory(config.STATE_DIR);
  const store = await openStore(config, logger.child({ component: 'store' }));
  const undo: Undo[] = [() => store.close()];
  try {
    return await assemble(config, logger, overrides, store, (step) => undo.unshift(step));
  } catch (error) {
    for (const step of undo) {
      try {
        await step();
      } catch (cleanupError) {
        logger.warn({ err: cleanupError }, 'could not clean up after a failed start');
      }
    }
    throw error;
  }
}

async function assemble(
  config: Config,
  logger: Logger,
  overrides: AppOverrides,
  store: Store,
  onFailure: (undo: Undo) => void,
): Promise<App> {
  const now = overrides.now ?? (() => new Date());
  const rng = overrides.rng ?? Math.random;
  const metrics = createMetrics();
  const shards = shardPlan(config);
  const catalog = startLiveCatalog({
    source: config.LIST_SOURCE,
    stateDir: config.STATE_DIR,
    refreshMs: config.LIST_REFRESH,
    maxBytes: config.LIST_MAX_BYTES,
    logger,
    metrics,
    readSource: readListSource,
    now,
  });
  onFailure(() => catalog.stop());
  await listFailureOrGrace(catalog, LIST_GRACE_MS);
  let stopping = false;

  const version = readVersion();
  const claimant = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const metadata = config.ENRICH
    ? new MetadataRefresher({
        store,
        entries: () => catalog.current().doc.entries,
        settings: config,
        logger: logger.child({ component: 'metadata' }),
        holder: claimant,
        version,
        now,
        ...(overrides.metadataClock ? { clock: overrides.metadataClock } : {}),
        metrics: createMetadataMetrics(metrics.registry),
      })
    : undefined;
  const metadataContext = () => (metadata ? { view: metadata.view(), now: now() } : undefined);

  let gatewayConnected = false;
  // The scheduler posts through the bot's client, which is created below; the poster is only used once it runs.
  let discordPoster: FeaturedPoster | undefined;
  const posterOnce = () => (discordPoster ??= createDiscordPoster(bot.client));
  const poster: FeaturedPoster = {
    send: (channelId, payload, options) => posterOnce().send(channelId, payload, options),
    findMarkedPost: (channelId, marker) => posterOnce().findMarkedPost(channelId, marker),
    openThread: (channelId, messageId, name) =>
      posterOnce().openThread?.(channelId, messageId, name) ?? Promise.resolve(),
  };
  const scheduler = new FeaturedScheduler({
    store,
    catalog: () => catalog.current(),
    poster,
    buildPost: (entry, context) =>
      buildFeaturedPost(entry, context, catalog.current(), metadataContext(), {
        style: config.CARD_STYLE,
        image: config.FEATURED_IMAGE,
      }),
    ...(metadata
      ? {
          eligible: (entry: { id: string }) => {
            const health = metadata.view().byEntry.get(entry.id)?.health.class;
            return health === undefined || !HIDDEN_BY_DEFAULT.includes(health);
          },
        }
      : {}),
    logger: logger.child({ component: 'featured' }),
    now,
    rng,
    ...(shards.kind === 'fixed' ? { ownsGuild: ownsGuildFn(shards.ids, shards.count) } : {}),
    options: { catchUpMs: config.FEATURED_CATCHUP, staleClaimMs: config.FEATURED_CLAIM_TIMEOUT },
  });

  const updates = new UpdatesEngine({
    store,
    catalog: () => catalog.current(),
    poster,
    buildDigest: (change, context) => buildDigest(change, context, config.CARD_STYLE),
    logger: logger.child({ component: 'updates' }),
    minIntervalMs: config.UPDATES_MIN_INTERVAL,
    claimant,
    staleClaimMs: config.FEATURED_CLAIM_TIMEOUT,
    now,
    ...(shards.kind === 'fixed' ? { ownsGuild: ownsGuildFn(shards.ids, shards.count) } : {}),
  });

  const registry = createProcessRegistry({ store, logger: logger.child({ component: 'registry' }) });
  const startedAt = now();
  const services: CommandServices = {
    catalog: () => catalog.current(),
    now,
    rng,
    recentPicks: createRecentPicks(),
    version,
    ...(metadata ? { metadata: () => metadata.view() } : {}),
    cardStyle: config.CARD_STYLE,
    reloadList: (force) => catalog.reload({ force, reason: 'owner command' }),
    runtime: {
      shardOf(guildId) {
        if (guildId === undefined) return undefined;
        const { count } = clientShards(bot.client);
        return { id: shardOf(guildId, count), count };
      },
      liveProcesses: () => registry.liveProcesses(),
    },
  };
  const bot = createBot({
    token: config.DISCORD_TOKEN ?? '',
    ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}),
    ...(config.DEV_GUILD_ID ? { devGuildId: config.DEV_GUILD_ID } : {}),
    ownerIds: config.OWNER_IDS,
    logger,
    services,
    registry: commandRegistry(),
    definitions: COMMAND_DEFINITIONS,
    shards,
    observer: {
      interaction: (command, outcome, seconds) => metrics.recordInteraction(command, outcome, seconds),
      autocomplete: (seconds) => metrics.observeAutocomplete(seconds),
    },
    listLoaded: () => catalog.loaded(),
    onGatewayStatus(connected) {
      if (gatewayConnected && !connected) metrics.countGatewayReconnect();
      gatewayConnected = connected;
      metrics.setGatewayConnected(connected);
    },
    async onGuildLeft(guildId) {
      // Settings are kept (a server that re-invites dsp can resume); only posting stops.
      if (await store.getFeatured(guildId)) await services.featured?.disable(guildId);
      if (await store.getUpdates(guildId)) await store.disableUpdates(guildId);
    },
    async onReady(ready) {
      const { ids, count } = clientShards(ready);
      await registry.register({ id: scheduler.claimant, shardIds: ids, shardCount: count, startedAt });
      // Featured posts are picked from the list: the scheduler starts once one is served. A list
      // that cannot be loaded is reported through catalog.whenLoaded() to whoever started the app.
      const loaded = await catalog.whenLoaded().then(
        () => true,
        () => false,
      );
      if (!loaded || stopping) return;
      await scheduler.start();
      await scheduler.catchUp();
      await updates.start();
    },
  });
  services.updates = createUpdatesServices({
    client: bot.client,
    store,
    engine: updates,
    minIntervalMs: config.UPDATES_MIN_INTERVAL,
  });
  services.featured = createFeaturedServices({
    client: bot.client,
    store,
    scheduler,
    minIntervalSeconds: config.FEATURED_MIN_INTERVAL,
  });

  catalog.onChange(async (change) => {
    metrics.setListEntries(change.after.doc.entries.length);
    // The store keeps each entry's first sighting, so only the added ones can be new. SQLite writes
    // hold the event loop: a few hundred ids at a time, so that a reload of a big list does not.
    const seenAt = now();
    for (let start = 0; start < change.added.length; start += SEEN_IDS_PER_WRITE) {
      await store.recordEntriesSeen(change.added.slice(start, start + SEEN_IDS_PER_WRITE), seenAt);
      await nextTurn();
    }
    await metadata?.catalogChanged();
    await updates.listChanged();
  });
  catalog.start();
  // Background only: answers use what the store already holds, and never wait for a round. It
  // looks up the list's entries, so it starts once a list is served (a big one may still be loading).
  if (metadata) {
    onFailure(() => metadata.stop());
    void catalog.whenLoaded().then(
      () => (stopping ? undefined : metadata.start()),
      () => undefined,
    );
  }

  const httpPort = overrides.httpPort ?? config.HTTP_PORT;
  const http =
    httpPort === 0
      ? undefined
      : await startHttpServer({
          host: config.HTTP_HOST,
          port: httpPort,
          logger,
          metrics,
          readiness: () => readiness({ gatewayConnected, catalog, store }),
        });
  if (http) onFailure(() => http.close());
  onFailure(() => bot.client.destroy());

  await bot.start();

  return {
    bot,
    services,
    catalog,
    store,
    metrics,
    scheduler,
    updates,
    ...(metadata ? { metadata } : {}),
    ...(http ? { http } : {}),
    async stop() {
      stopping = true;
      bot.stopAccepting();
      await metadata?.stop();
      await scheduler.stop();
      await updates.stop();
      registry.stop();
      await bot.stop(config.SHUTDOWN_TIMEOUT);
      await catalog.stop();
      await http?.close();
      await store.close();
    },
  };
}
