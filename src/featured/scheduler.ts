/**
 * The weekly-featured engine, free of discord.js: it talks to Discord through the FeaturedPoster
 * port. Exactly-once rests on three layers: a unique (guild, period) claim in the store, a
 * deterministic nonce on send, and a marker in the embed footer that is looked for before any
 * resend (retry, recovery after a crash).
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { schedule as nodeCronSchedule } from 'node-cron';
import type { Entry } from '../list/types.js';
import type { FeaturedSettings, PostRecord, Store } from '../store/types.js';
import { chooseFeatured } from './choose.js';
import { classifyDeliveryError, describeError } from './errors.js';
import type { ErrorClass } from './errors.js';
import { Semaphore } from './limit.js';
import { postMarker, postNonce } from './marker.js';
import { nextFire, periodKey, previousFire } from './schedule.js';
import type {
  BuildPost,
  CatalogProvider,
  CronFactory,
  CronTask,
  DeliveryOutcome,
  FeaturedLogger,
  FeaturedPoster,
  FoundPost,
  Sleep,
} from './types.js';
import type { MessagePayload } from '../../commands/types.js';

export interface RetryOptions {
  /** Total tries per delivery, the first included. */
  attempts: number;
  baseDelayMs: number;
  /** Backoff cap; keep it well below `staleClaimMs` (the claim is renewed before each try). */
  maxDelayMs: number;
}

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
  logger: FeaturedLogger;
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
  options?: FeaturedSchedulerOptions;
}

export interface FeaturedPreview {
  entry: Entry;
  payload: MessagePayload;
  periodKey: string;
  fireAt: Date;
  cycle: number;
}

const DEFAULT_RETRY: RetryOptions = { attempts: 6, baseDelayMs: 15_000, maxDelayMs: 60_000 };
/** A trigger that does not say which instant it fired for may tick a little early: snap within this. */
const TICK_TOLERANCE_MS = 2_000;

const nodeCronFactory: CronFactory = (expression, onTick, { timezone }) =>
  nodeCronSchedule(expression, (context) => onTick(context.date), { timezone, noOverlap: true });

const abortableSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal });

class StoppedError extends Error {}

interface Attempt {
  settings: FeaturedSettings;
  post: PostRecord;
  entry: Entry;
  /** Check the channel for our marker before the first send (recovering someone's claim). */
  lookFirst: boolean;
}

export class FeaturedScheduler {
  readonly #deps: FeaturedSchedulerDeps;
  readonly #now: () => Date;
  readonly #rng: () => number;
  readonly #cron: CronFactory;
  readonly #claimant: string;
  readonly #catchUpMs: number;
  readonly #retry: RetryOptions;
  readonly #sleep: Sleep;
  readonly #staleClaimMs: number;
  readonly #sweepCron: string | null;
  readonly #slots: Semaphore;
  readonly #tasks = new Map<string, CronTask>();
  readonly #inFlight = new Map<string, Promise<DeliveryOutcome>>();
  readonly #background = new Set<Promise<unknown>>();
  #sweepTask: CronTask | undefined;
  #abort = new AbortController();

  constructor(deps: FeaturedSchedulerDeps) {
    const options = deps.options ?? {};
    this.#deps = deps;
    this.#now = deps.now ?? (() => new Date());
    this.#rng = deps.rng ?? Math.random;
    this.#cron = deps.cron ?? nodeCronFactory;
    this.#claimant = deps.claimant ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.#catchUpMs = options.catchUpMs ?? 6 * 3600_000;
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
    this.#sleep = options.sleep ?? abortableSleep;
    this.#staleClaimMs = options.staleClaimMs ?? 3 * 60_000;
    this.#sweepCron = options.sweepCron === undefined ? '*/5 * * * *' : options.sweepCron;
    this.#slots = new Semaphore(options.concurrency ?? 4);
  }

  get claimant(): string {
    return this.#claimant;
  }

  /** Registers one trigger per distinct (schedule, timezone) of the active guilds. */
  async start(): Promise<void> {
    if (this.#abort.signal.aborted) this.#abort = new AbortController();
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
    this.#abort.abort();
    const tasks = [...this.#tasks.values(), ...(this.#sweepTask ? [this.#sweepTask] : [])];
    this.#tasks.clear();
    this.#sweepTask = undefined;
    await Promise.all(tasks.map((task) => task.stop()));
    await Promise.allSettled([...this.#background, ...this.#inFlight.values()]);
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
      if (outcomes.has(id) || this.#inFlight.has(id)) continue;
      outcomes.set(id, await this.#settleUnsentClaim(claim, now));
    }
    return outcomes;
  }

  /** Delivers one guild's post for one period, at most once across retries, restarts and processes. */
  deliver(settings: FeaturedSettings, period: string): Promise<DeliveryOutcome> {
    const key = `${settings.guildId}|${period}`;
    const running = this.#inFlight.get(key);
    if (running) return running.then((): DeliveryOutcome => ({ status: 'claimed-elsewhere' }));
    const delivery = this.#deliverOnce(settings, period)
      .catch((error: unknown) => this.#unexpected(settings, period, error))
      .finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, delivery);
    return delivery;
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
    });
    if (!choice) return undefined;
    const newEntries = await this.#newEntriesSince(guildId, key);
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

  async #deliverOnce(settings: FeaturedSettings, period: string): Promise<DeliveryOutcome> {
    const { store } = this.#deps;
    const existing = await store.getPost(settings.guildId, period);
    if (existing) return this.#handleExistingClaim(settings, existing);
    const entries = this.#deps.catalog().doc.entries;
    const choice = chooseFeatured({
      entries,
      featuredInCycle: await store.featuredInCycle(settings.guildId),
      rng: this.#rng,
    });
    if (!choice) {
      this.#deps.logger.warn(
        { guildId: settings.guildId, periodKey: period },
        'no featurable entry in the list',
      );
      return { status: 'no-entry' };
    }
    const post: PostRecord = {
      guildId: settings.guildId,
      periodKey: period,
      channelId: settings.channelId,
      entryId: choice.entry.id,
      cycle: choice.cycle,
      claimedAt: this.#now(),
      claimant: this.#claimant,
    };
    const claim = await store.claimPost(post);
    if (!claim.won) return this.#handleExistingClaim(settings, claim.existing);
    return this.#attemptDelivery({ settings, post, entry: choice.entry, lookFirst: false });
  }

  async #handleExistingClaim(settings: FeaturedSettings, post: PostRecord): Promise<DeliveryOutcome> {
    if (post.messageId) return { status: 'already-sent' };
    if (post.failedReason) return { status: 'already-failed', reason: post.failedReason };
    const takenOver = await this.#takeOverIfAbandoned(post);
    if (!takenOver) return { status: 'claimed-elsewhere' };
    const entry = this.#deps.catalog().doc.entries.find((candidate) => candidate.id === post.entryId);
    if (!entry) return this.#recoverWithoutEntry(post);
    return this.#attemptDelivery({ settings, post: takenOver, entry, lookFirst: true });
  }

  /** Our own claim (no delivery running here) or a stale one from a dead process: take it over. */
  async #takeOverIfAbandoned(post: PostRecord): Promise<PostRecord | undefined> {
    const now = this.#now();
    const ours = post.claimant === this.#claimant;
    const stale = now.getTime() - post.claimedAt.getTime() >= this.#staleClaimMs;
    if (!ours && !stale) return undefined;
    const won = await this.#deps.store.takeOverClaim(
      post.guildId,
      post.periodKey,
      post.claimant,
      this.#claimant,
      now,
    );
    return won ? { ...post, claimant: this.#claimant, claimedAt: now } : undefined;
  }

  /** The claimed entry left the list: only a post already in the channel can still be recorded. */
  async #recoverWithoutEntry(post: PostRecord): Promise<DeliveryOutcome> {
    const found = await this.#findMarked(post).catch(() => undefined);
    if (found) return this.#recordSent(post, found, 'recovered');
    await this.#deps.store.recordPostFailed(post.guildId, post.periodKey, 'entry-removed', this.#now());
    this.#deps.logger.warn(
      { guildId: post.guildId, periodKey: post.periodKey },
      'claimed entry left the list',
    );
    return { status: 'failed', reason: 'entry-removed' };
  }

  async #settleUnsentClaim(post: PostRecord, now: Date): Promise<DeliveryOutcome> {
    const settings = await this.#deps.store.getFeatured(post.guildId);
    const active = settings && settings.enabled && !settings.pausedReason;
    const young = now.getTime() - new Date(post.periodKey).getTime() <= this.#catchUpMs;
    if (settings && active && young) return this.deliver(settings, post.periodKey);
    if (!(await this.#takeOverIfAbandoned(post))) return { status: 'claimed-elsewhere' };
    const found = await this.#findMarked(post).catch(() => undefined);
    if (found) return this.#recordSent(post, found, 'recovered');
    const reason = young ? 'featured-off' : 'expired';
    await this.#deps.store.recordPostFailed(post.guildId, post.periodKey, reason, now);
    return { status: 'failed', reason };
  }

  async #attemptDelivery(attempt: Attempt): Promise<DeliveryOutcome> {
    const { settings, post } = attempt;
    const periodEnd = nextFire(settings.schedule, settings.timezone, new Date(post.periodKey));
    let lastError: unknown;
    for (let tryNo = 1; tryNo <= this.#retry.attempts; tryNo++) {
      if (tryNo > 1 && !(await this.#backOff(tryNo, periodEnd))) break;
      if (!(await this.#renewClaim(post))) return { status: 'claimed-elsewhere' };
      const result = await this.#slots.run(() => this.#tryOnce(attempt, tryNo > 1 || attempt.lookFirst));
      if (result.ok) return this.#recordSent(post, result.found, result.looked ? 'recovered' : 'sent');
      lastError = result.error;
      const verdict = classifyDeliveryError(result.error);
      if (verdict.kind === 'permanent') return this.#pauseGuild(post, verdict.reason, result.error);
      this.#logRetry(post, verdict, tryNo, result.error);
    }
    return this.#giveUp(post, lastError);
  }

  /** Sleeps before a retry; false when the next period would start first or the scheduler stops. */
  async #backOff(tryNo: number, periodEnd: Date): Promise<boolean> {
    // Capped below the stale-claim age so a sleeping delivery is never mistaken for a dead one.
    const cap = Math.min(this.#retry.maxDelayMs, this.#staleClaimMs / 2);
    const wait = Math.min(cap, this.#retry.baseDelayMs * 2 ** (tryNo - 2));
    if (this.#now().getTime() + wait >= periodEnd.getTime()) return false;
    try {
      await this.#sleep(wait, this.#abort.signal);
    } catch {
      throw new StoppedError('scheduler stopped');
    }
    if (this.#abort.signal.aborted) throw new StoppedError('scheduler stopped');
    return this.#now() < periodEnd;
  }

  async #renewClaim(post: PostRecord): Promise<boolean> {
    return this.#deps.store.takeOverClaim(
      post.guildId,
      post.periodKey,
      this.#claimant,
      this.#claimant,
      this.#now(),
    );
  }

  async #tryOnce(
    attempt: Attempt,
    lookFirst: boolean,
  ): Promise<{ ok: true; found: FoundPost; looked: boolean } | { ok: false; error: unknown }> {
    const { settings, post, entry } = attempt;
    try {
      if (lookFirst) {
        const found = await this.#findMarked(post);
        if (found) return { ok: true, found, looked: true };
      }
      const newEntries = await this.#newEntriesSince(settings.guildId, post.periodKey);
      const payload = this.#deps.buildPost(entry, {
        newEntries,
        periodKey: post.periodKey,
        marker: postMarker(post.periodKey),
      });
      const sent = await this.#deps.poster.send(post.channelId, payload, {
        nonce: postNonce(post.guildId, post.periodKey),
      });
      if (!sent.ok) return { ok: false, error: sent.error };
      return { ok: true, found: { messageId: sent.messageId, url: sent.url }, looked: false };
    } catch (error) {
      return { ok: false, error };
    }
  }

  #findMarked(post: PostRecord): Promise<FoundPost | undefined> {
    return this.#deps.poster.findMarkedPost(post.channelId, postMarker(post.periodKey));
  }

  async #recordSent(
    post: PostRecord,
    found: FoundPost,
    status: 'sent' | 'recovered',
  ): Promise<DeliveryOutcome> {
    await this.#deps.store.recordPostSent(post.guildId, post.periodKey, found.messageId, this.#now());
    this.#deps.logger.info(
      {
        guildId: post.guildId,
        periodKey: post.periodKey,
        entryId: post.entryId,
        messageId: found.messageId,
        url: found.url,
      },
      status === 'sent' ? 'featured post sent' : 'featured post found in channel and recorded',
    );
    return { status, messageId: found.messageId };
  }

  async #pauseGuild(post: PostRecord, reason: string, error: unknown): Promise<DeliveryOutcome> {
    const now = this.#now();
    await this.#deps.store.recordPostFailed(post.guildId, post.periodKey, reason, now);
    await this.#deps.store.pauseFeatured(post.guildId, reason, now);
    this.#deps.logger.warn(
      {
        guildId: post.guildId,
        channelId: post.channelId,
        periodKey: post.periodKey,
        reason,
        error: describeError(error),
      },
      'featured posts paused: the channel cannot be posted to; settings kept, resume once fixed',
    );
    return { status: 'paused', reason };
  }

  async #giveUp(post: PostRecord, error: unknown): Promise<DeliveryOutcome> {
    const reason = `gave-up: ${describeError(error)}`.slice(0, 500);
    await this.#deps.store.recordPostFailed(post.guildId, post.periodKey, reason, this.#now());
    this.#deps.logger.error(
      { guildId: post.guildId, periodKey: post.periodKey, error: describeError(error) },
      'featured post not delivered this period after retries; the next period will post normally',
    );
    return { status: 'failed', reason };
  }

  #logRetry(post: PostRecord, verdict: ErrorClass, tryNo: number, error: unknown): void {
    this.#deps.logger.warn(
      {
        guildId: post.guildId,
        periodKey: post.periodKey,
        kind: verdict.kind,
        try: tryNo,
        error: describeError(error),
      },
      'featured post failed, will retry',
    );
  }

  async #unexpected(settings: FeaturedSettings, period: string, error: unknown): Promise<DeliveryOutcome> {
    if (error instanceof StoppedError) {
      await this.#releaseClaim(settings.guildId, period);
      return { status: 'stopped' };
    }
    this.#deps.logger.error(
      { guildId: settings.guildId, periodKey: period, error: describeError(error) },
      'featured delivery crashed; the claim stays unsent and is settled by the next catch-up',
    );
    return { status: 'failed', reason: describeError(error) };
  }

  /** On shutdown: back-date our unsent claim so the next process recovers it at once (marker first). */
  async #releaseClaim(guildId: string, period: string): Promise<void> {
    try {
      await this.#deps.store.takeOverClaim(guildId, period, this.#claimant, this.#claimant, new Date(0));
    } catch (error) {
      this.#deps.logger.warn(
        { guildId, periodKey: period, error: describeError(error) },
        'could not release claim',
      );
    }
  }

  /** Entries first seen after this guild's previous sent post (none before its first post). */
  async #newEntriesSince(guildId: string, period: string): Promise<Entry[]> {
    const previous = (await this.#deps.store.recentPosts(guildId, 20)).find(
      (post) => post.periodKey < period && post.sentAt,
    );
    if (!previous?.sentAt) return [];
    const ids = new Set(await this.#deps.store.entriesFirstSeenSince(previous.sentAt));
    return this.#deps.catalog().doc.entries.filter((entry) => ids.has(entry.id) && !entry.archived);
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
