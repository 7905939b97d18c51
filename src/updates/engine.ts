/**
 * The updates channel's engine, free of discord.js: when the served list changes (and at start,
 * for changes made while dsp was down) it works out, per following server, what the server has
 * not been told, and posts it as one digest, at most one per UPDATES_MIN_INTERVAL. The first
 * change after a quiet interval goes out after a short settle; later ones wait for the interval
 * to end and go out together. Each digest is claimed in the store first (exactly one process
 * wins), then delivered by delivery.ts.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Catalog } from '../contracts/catalog.js';
import type { BuildDigest, DigestPreview } from '../contracts/updates.js';
import type { FeaturedPoster, Sleep } from '../featured/types.js';
import { sourceSecrets } from '../list/redact-source.js';
import type { LogSink } from '../log/logger.js';
import type { Store } from '../store/types.js';
import type { DigestClaim, UpdatesSettings } from '../store/updates-types.js';
import { describeError } from '../text/describe-error.js';
import { digestKey, followedEntries, isEmptyChange, listChange } from './changes.js';
import { DigestDelivery, type DigestOutcome, type DigestRetry } from './delivery.js';
import { digestMarker } from './marker.js';

export interface UpdatesEngineDeps {
  store: Store;
  catalog: () => Pick<Catalog, 'doc' | 'source'>;
  poster: FeaturedPoster;
  buildDigest: BuildDigest;
  logger: LogSink;
  /** At most one digest per server in this time (UPDATES_MIN_INTERVAL). */
  minIntervalMs: number;
  /** Identifies this process in claims. */
  claimant: string;
  /** An unsent claim of another process younger than this may still be in flight (default 3 min). */
  staleClaimMs?: number;
  /** The servers this process posts for (its shards); all when absent. */
  ownsGuild?: (guildId: string) => boolean;
  now?: () => Date;
  /** Between a change and its digest, so a burst of reloads makes one digest (default 2 s). */
  settleMs?: number;
  /** Every server is checked this often too, for claims others left behind (default 5 min). */
  sweepMs?: number;
  retry?: Partial<DigestRetry>;
  sleep?: Sleep;
}

const DEFAULT_RETRY: DigestRetry = { attempts: 5, baseDelayMs: 5_000, maxDelayMs: 60_000 };
const abortableSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal });

const isActive = (settings: UpdatesSettings | undefined): settings is UpdatesSettings =>
  settings !== undefined && settings.enabled && settings.pausedReason === undefined;

export class UpdatesEngine {
  readonly #deps: UpdatesEngineDeps;
  readonly #now: () => Date;
  readonly #delivery: DigestDelivery;
  readonly #timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  readonly #running = new Map<string, Promise<void>>();
  #sweep: NodeJS.Timeout | undefined;
  #abort = new AbortController();
  #stopped = true;

  constructor(deps: UpdatesEngineDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? (() => new Date());
    this.#delivery = new DigestDelivery({
      store: deps.store,
      poster: deps.poster,
      buildDigest: deps.buildDigest,
      logger: deps.logger,
      now: this.#now,
      claimant: deps.claimant,
      staleClaimMs: deps.staleClaimMs ?? 180_000,
      listUrl: () => listUrlOf(deps.catalog().source),
      retry: { ...DEFAULT_RETRY, ...deps.retry },
      sleep: deps.sleep ?? abortableSleep,
      signal: () => this.#abort.signal,
    });
  }

  /** Checks every following server now (changes made while dsp was down, digests a crash left). */
  async start(): Promise<void> {
    this.#stopped = false;
    if (this.#abort.signal.aborted) this.#abort = new AbortController();
    await this.#checkAll(0);
    this.#sweep ??= setInterval(() => void this.#checkAll(0), this.#deps.sweepMs ?? 300_000);
    this.#sweep.unref();
  }

  /** The served list changed: every following server gets a digest of its part, batched. */
  listChanged(): Promise<void> {
    return this.#checkAll(this.#deps.settleMs ?? 2_000);
  }

  /** Checks one server soon (its settings changed: it may have untold changes). */
  check(guildId: string): void {
    if (this.#owns(guildId))
      this.#scheduleAt(guildId, this.#now().getTime() + (this.#deps.settleMs ?? 2_000));
  }

  /** From now on, changes to the list as it is served now are announced (setting up, or a new category). */
  async resetBaseline(guildId: string, category: string | undefined): Promise<void> {
    const entries = followedEntries(this.#deps.catalog().doc.entries, category);
    await this.#deps.store.saveAnnouncedList(guildId, { entries, at: this.#now() });
  }

  /** Stops timers, interrupts retry back-offs and waits for digests being sent. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#abort.abort();
    clearInterval(this.#sweep);
    this.#sweep = undefined;
    for (const { timer } of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    await Promise.allSettled([...this.#running.values()]);
  }

  /** What the server would be told now, and when; undefined when it has no updates channel. */
  async preview(guildId: string): Promise<DigestPreview | undefined> {
    const settings = await this.#deps.store.getUpdates(guildId);
    if (!settings) return undefined;
    const announced = await this.#deps.store.getAnnouncedList(guildId);
    const served = followedEntries(this.#deps.catalog().doc.entries, settings.category);
    const change = listChange(announced?.entries ?? served, served);
    const listUrl = listUrlOf(this.#deps.catalog().source);
    const messages = this.#deps.buildDigest(change, {
      date: this.#now(),
      ...(settings.roleId === undefined ? {} : { roleId: settings.roleId }),
      ...(listUrl === undefined ? {} : { listUrl }),
      marker: (part, parts) => digestMarker('preview', part, parts),
    });
    return { change, messages, dueAt: new Date(Math.max(this.#now().getTime(), await this.#dueAt(guildId))) };
  }

  async #checkAll(afterMs: number): Promise<void> {
    try {
      const active = await this.#deps.store.listActiveUpdates();
      const at = this.#now().getTime() + afterMs;
      for (const { guildId } of active) if (this.#owns(guildId)) this.#scheduleAt(guildId, at);
    } catch (error) {
      this.#deps.logger.error(
        { error: describeError(error) },
        'could not check the servers following the list',
      );
    }
  }

  #owns(guildId: string): boolean {
    return this.#deps.ownsGuild?.(guildId) ?? true;
  }

  /** Runs the server's check at `at`, or earlier when one is already due sooner. */
  #scheduleAt(guildId: string, at: number): void {
    if (this.#stopped) return;
    const pending = this.#timers.get(guildId);
    if (pending && pending.at <= at) return;
    if (pending) clearTimeout(pending.timer);
    const timer = setTimeout(() => this.#run(guildId), Math.max(0, at - this.#now().getTime()));
    this.#timers.set(guildId, { at, timer });
  }

  /** One check per server at a time. */
  #run(guildId: string): void {
    this.#timers.delete(guildId);
    const previous = this.#running.get(guildId) ?? Promise.resolve();
    const next = previous
      .then(() => (this.#stopped ? undefined : this.#check(guildId)))
      .catch((error: unknown) =>
        this.#deps.logger.error({ guildId, error: describeError(error) }, 'updates check failed'),
      )
      .finally(() => {
        if (this.#running.get(guildId) === next) this.#running.delete(guildId);
      });
    this.#running.set(guildId, next);
  }

  async #check(guildId: string): Promise<void> {
    const settings = await this.#deps.store.getUpdates(guildId);
    if (!isActive(settings)) return;
    if (!(await this.#settleLeftovers(settings))) return;
    const { store } = this.#deps;
    const announced = await store.getAnnouncedList(guildId);
    if (!announced) return this.resetBaseline(guildId, settings.category);
    const served = followedEntries(this.#deps.catalog().doc.entries, settings.category);
    const change = listChange(announced.entries, served);
    if (isEmptyChange(change)) return;
    const due = await this.#dueAt(guildId);
    if (due > this.#now().getTime()) return this.#scheduleAt(guildId, due);
    const claim: DigestClaim = {
      guildId,
      digestKey: digestKey(announced.at, change),
      channelId: settings.channelId,
      ...change,
      claimedAt: this.#now(),
      claimant: this.#deps.claimant,
    };
    // Lost: another process sends it, and moves the announced list on when it has.
    if (!(await store.claimDigest(claim)).won) return;
    await this.#afterDelivery(guildId, await this.#delivery.deliver(settings, claim, false));
  }

  /**
   * Digests claimed but not sent (a crash, or sends that gave up): sent first, marker first.
   * False while one is not settled: nothing newer goes out before it.
   */
  async #settleLeftovers(settings: UpdatesSettings): Promise<boolean> {
    const staleMs = this.#staleMs();
    const unsent = (await this.#deps.store.unsentDigests()).filter((d) => d.guildId === settings.guildId);
    for (const digest of unsent) {
      const staleAt = digest.claimedAt.getTime() + staleMs;
      if (digest.claimant !== this.#deps.claimant && staleAt > this.#now().getTime()) {
        this.#scheduleAt(settings.guildId, staleAt);
        return false;
      }
      if (!(await this.#takeOver(digest))) {
        // Another process recovered it first: it sends it; look again once its claim could be stale.
        this.#scheduleAt(settings.guildId, this.#now().getTime() + staleMs);
        return false;
      }
      const outcome = await this.#delivery.deliver(settings, digest, true);
      if (outcome !== 'sent') return this.#afterDelivery(settings.guildId, outcome).then(() => false);
    }
    return true;
  }

  /** Atomically makes an abandoned claim (a dead process's, or our own earlier one) ours. */
  #takeOver(digest: DigestClaim): Promise<boolean> {
    const { claimant, store } = this.#deps;
    return store.takeOverDigest(digest.guildId, digest.digestKey, digest.claimant, claimant, this.#now());
  }

  #staleMs(): number {
    return this.#deps.staleClaimMs ?? 180_000;
  }

  async #afterDelivery(guildId: string, outcome: DigestOutcome): Promise<void> {
    // Sent: anything that changed meanwhile waits for the interval. Later: try again after it.
    // Elsewhere: another process took the claim over; a check after the interval finds it settled.
    if (outcome !== 'paused') this.#scheduleAt(guildId, await this.#dueAt(guildId));
  }

  /** When the server may get its next digest: the interval after its last one. */
  async #dueAt(guildId: string): Promise<number> {
    const [last] = await this.#deps.store.recentDigests(guildId, 1);
    return last === undefined ? 0 : last.claimedAt.getTime() + this.#deps.minIntervalMs;
  }
}

/** The list's address for "and N more", when it is a URL that carries no secret. */
function listUrlOf(source: string): string | undefined {
  return /^https?:\/\//i.test(source) && sourceSecrets(source).length === 0 ? source : undefined;
}
