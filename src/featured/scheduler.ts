/**
 * The weekly-featured engine, free of discord.js: it talks to Discord through the FeaturedPoster
 * port. This module holds the triggers (one cron task per schedule and timezone, plus a periodic
 * sweep that catches up missed periods) and decides which guild's period is due; delivery.ts
 * claims, sends and recovers each post, exactly once.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { schedule as nodeCronSchedule } from 'node-cron';
import type { BuildPost, FeaturedPreview } from '../contracts/featured.js';
import type { Entry } from '../list/types.js';
import type { LogSink } from '../log/logger.js';
import type { FeaturedSettings, Store } from '../store/types.js';
import { chooseFeatured } from './choose.js';
import { FeaturedDelivery, type RetryOptions } from './delivery.js';
import { describeError } from '../text/describe-error.js';
import { postMarker } from './marker.js';
import { nextFire, periodKey, previousFire } from '../schedule/schedule.js';
import type {
  CatalogProvider,
  CronFactory,
  CronTask,
  DeliveryOutcome,
  FeaturedPoster,
  Sleep,
} from './types.js';

export type { RetryOptions } from './delivery.js';

export interface FeaturedSchedulerOptions {
  /** How old a missed period may be and still be posted late (default 6 h). */
  catchUpMs?: number;
  retry?: Partial<RetryOptions>;
  sleep?: Sleep;
  /** Deliveries talking to Discord at once; sleeping retries do not hold a slot (default 4). */
  concurrency?: number;
  /** An unsent claim not renewed for this long is considered abandoned by a dead process (default 3 min). */
  staleClaimMs?: number;
  /** Periodic safety sweep (catch-up + abandoned claims), UTC cron; null disables (default every 5 min). */
  sweepCron?: string | null;
}

export interface FeaturedSchedulerDeps {
  store: Store;
  catalog: CatalogProvider;
  poster: FeaturedPoster;
  buildPost: BuildPost;
  logger: LogSink;
  now?: () => Date;
  /** Uniform in [0, 1). */
  rng?: () => number;
  cron?: CronFactory;
  /** Identifies this process in claims; must differ between processes sharing a store. */
  claimant?: string;
  /**
   * The guilds this process posts for (those on its shards); every guild when absent. Two
   * processes owning the same guild still post once: the claim decides.
   */
  ownsGuild?: (guildId: string) => boolean;
  /** Entries that may be featured at all (project metadata skips deleted, dead, archived). */
  eligible?: (entry: Entry) => boolean;
  options?: FeaturedSchedulerOptions;
}

const DEFAULT_RETRY: RetryOptions = { attempts: 6, baseDelayMs: 15_000, maxDelayMs: 60_000 };
/** A trigger that does not say which instant it fired for may tick a little early: snap within this. */
const TICK_TOLERANCE_MS = 2_000;

const nodeCronFactory: CronFactory = (expression, onTick, { timezone }) =>
  nodeCronSchedule(expression, (context) => onTick(context.date), { timezone, noOverlap: true });

const abortableSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal });

export class FeaturedScheduler {
  readonly #deps: FeaturedSchedulerDeps;
  readonly #now: () => Date;
  readonly #rng: () => number;
  readonly #cron: CronFactory;
  readonly #claimant: string;
  readonly #catchUpMs: number;
  readonly #sweepCron: string | null;
  readonly #delivery: FeaturedDelivery;
  readonly #tasks = new Map<string, CronTask>();
  readonly #background = new Set<Promise<unknown>>();
  #sweepTask: CronTask | undefined;

  constructor(deps: FeaturedSchedulerDeps) {
    const options = deps.options ?? {};
    this.#deps = deps;
    this.#now = deps.now ?? (() => new Date());
    this.#rng = deps.rng ?? Math.random;
    this.#cron = deps.cron ?? nodeCronFactory;
    this.#claimant = deps.claimant ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.#catchUpMs = options.catchUpMs ?? 6 * 3600_000;
    this.#sweepCron = options.sweepCron === undefined ? '*/5 * * * *' : options.sweepCron;
    this.#delivery = new FeaturedDelivery({
      store: deps.store,
      catalog: deps.catalog,
      poster: deps.poster,
      buildPost: deps.buildPost,
      logger: deps.logger,
      now: this.#now,
      rng: this.#rng,
      claimant: this.#claimant,
      ...(deps.eligible ? { eligible: deps.eligible } : {}),
      catchUpMs: this.#catchUpMs,
      retry: { ...DEFAULT_RETRY, ...options.retry },
      sleep: options.sleep ?? abortableSleep,
      concurrency: options.concurrency ?? 4,
      staleClaimMs: options.staleClaimMs ?? 3 * 60_000,
    });
  }

  get claimant(): string {
    return this.#claimant;
  }

  /** Registers one trigger per distinct (schedule, timezone) of the active guilds. */
  async start(): Promise<void> {
    this.#delivery.resume();
    await this.noteCatalogEntries();
    await this.refresh();
    if (this.#sweepCron && !this.#sweepTask) {
      this.#sweepTask = this.#cron(this.#sweepCron, () => this.#background.add(this.#track(this.catchUp())), {
        timezone: 'UTC',
      });
    }
  }

  /** Call after settings change: adds triggers for new schedules, stops unused ones. */
  async refresh(): Promise<void> {
    const wanted = new Map<string, { schedule: string; timezone: string }>();
    for (const settings of await this.#activeOwned()) {
      wanted.set(triggerKey(settings.schedule, settings.timezone), settings);
    }
    for (const [key, task] of this.#tasks) {
      if (wanted.has(key)) continue;
      this.#tasks.delete(key);
      await task.stop();
    }
    for (const [key, { schedule, timezone }] of wanted) {
      if (this.#tasks.has(key)) continue;
      const onTick = (scheduledAt?: Date): void => {
        this.#background.add(this.#track(this.#tick(schedule, timezone, scheduledAt)));
      };
      this.#tasks.set(key, this.#cron(schedule, onTick, { timezone }));
    }
  }

  /** Stops triggers, interrupts retry back-offs and waits for in-flight deliveries to settle. */
  async stop(): Promise<void> {
    this.#delivery.interrupt();
    const tasks = [...this.#tasks.values(), ...(this.#sweepTask ? [this.#sweepTask] : [])];
    this.#tasks.clear();
    this.#sweepTask = undefined;
    await Promise.all(tasks.map((task) => task.stop()));
    await Promise.allSettled([...this.#background, ...this.#delivery.running()]);
  }

  /** Number of registered schedule triggers (one per distinct schedule and timezone). */
  get triggerCount(): number {
    return this.#tasks.size;
  }

  /** Records first sightings of the current list's entries (call after a list reload too). */
  async noteCatalogEntries(): Promise<void> {
    const ids = this.#deps.catalog().doc.entries.map((entry) => entry.id);
    await this.#deps.store.recordEntriesSeen(ids, this.#now());
  }

  /** Delivers one period to every active guild on this schedule, each independently. */
  async runPeriod(schedule: string, timezone: string, fireTime: Date): Promise<Map<string, DeliveryOutcome>> {
    await this.noteCatalogEntries();
    const key = periodKey(fireTime);
    const guilds = (await this.#activeOwned()).filter(
      (settings) =>
        settings.schedule === schedule && settings.timezone === timezone && settings.updatedAt <= fireTime,
    );
    const outcomes = await Promise.all(guilds.map((settings) => this.deliver(settings, key)));
    return new Map(guilds.map((settings, i) => [settings.guildId, outcomes[i] ?? { status: 'no-entry' }]));
  }

  /**
   * Posts each active guild's latest period if it has no post yet and is younger than the
   * catch-up window (at most one late post per guild), and settles claims left unsent by a crash.
   */
  async catchUp(): Promise<Map<string, DeliveryOutcome>> {
    await this.noteCatalogEntries();
    const now = this.#now();
    const outcomes = new Map<string, DeliveryOutcome>();
    const active = await this.#activeOwned();
    await Promise.all(
      active.map(async (settings) => {
        const fire = previousFire(settings.schedule, settings.timezone, now);
        if (!fire || fire < settings.updatedAt || now.getTime() - fire.getTime() > this.#catchUpMs) return;
        outcomes.set(`${settings.guildId}|${periodKey(fire)}`, await this.deliver(settings, periodKey(fire)));
      }),
    );
    for (const claim of await this.#deps.store.unsentClaims()) {
      if (!this.#owns(claim.guildId)) continue;
      const id = `${claim.guildId}|${claim.periodKey}`;
      if (outcomes.has(id) || this.#delivery.isDelivering(claim.guildId, claim.periodKey)) continue;
      outcomes.set(id, await this.#delivery.settleUnsentClaim(claim, now));
    }
    return outcomes;
  }

  /** Delivers one guild's post for one period, at most once across retries, restarts and processes. */
  deliver(settings: FeaturedSettings, period: string): Promise<DeliveryOutcome> {
    return this.#delivery.deliver(settings, period);
  }

  /** What the next scheduled post would be, without claiming anything. */
  async preview(guildId: string): Promise<FeaturedPreview | undefined> {
    const settings = await this.#deps.store.getFeatured(guildId);
    if (!settings) return undefined;
    const fireAt = nextFire(settings.schedule, settings.timezone, this.#now());
    const key = periodKey(fireAt);
    const choice = chooseFeatured({
      entries: this.#deps.catalog().doc.entries,
      featuredInCycle: await this.#deps.store.featuredInCycle(guildId),
      rng: this.#rng,
      ...(this.#deps.eligible ? { eligible: this.#deps.eligible } : {}),
    });
    if (!choice) return undefined;
    const newEntries = await this.#delivery.newEntriesSince(guildId, key);
    const payload = this.#deps.buildPost(choice.entry, {
      newEntries,
      periodKey: key,
      marker: postMarker(key),
    });
    return { entry: choice.entry, payload, periodKey: key, fireAt, cycle: choice.cycle };
  }

  #owns(guildId: string): boolean {
    return this.#deps.ownsGuild?.(guildId) ?? true;
  }

  async #activeOwned(): Promise<FeaturedSettings[]> {
    const active = await this.#deps.store.listActiveFeatured();
    return active.filter((settings) => this.#owns(settings.guildId));
  }

  async #tick(schedule: string, timezone: string, scheduledAt?: Date): Promise<void> {
    const reference = scheduledAt ?? new Date(this.#now().getTime() + TICK_TOLERANCE_MS);
    const fire = previousFire(schedule, timezone, reference);
    if (!fire) return;
    const outcomes = await this.runPeriod(schedule, timezone, fire);
    this.#deps.logger.info(
      { schedule, timezone, periodKey: periodKey(fire), outcomes: Object.fromEntries(outcomes) },
      'featured period run',
    );
  }

  #track<T>(work: Promise<T>): Promise<T | undefined> {
    const tracked = work.catch((error: unknown) => {
      this.#deps.logger.error({ error: describeError(error) }, 'featured scheduler task failed');
      return undefined;
    });
    void tracked.finally(() => this.#background.delete(tracked));
    return tracked;
  }
}

function triggerKey(schedule: string, timezone: string): string {
  return `${timezone}\u0000${schedule}`;
}
