/**
 * Delivery of featured posts: claim a guild's period, send the post, and recover claims left
 * unsent. Exactly-once rests on three layers: a unique (guild, period) claim in the store, a
 * deterministic nonce on send, and a marker in the embed footer that is looked for before any
 * resend (retry, recovery after a crash).
 */
import type { Entry } from '../list/types.js';
import type { FeaturedSettings, PostRecord } from '../store/types.js';
import { chooseFeatured } from './choose.js';
import { DeliveryOutcomes } from './delivery-outcomes.js';
import { describeError } from '../text/describe-error.js';
import { classifyDeliveryError } from './errors.js';
import { Semaphore } from './limit.js';
import { postMarker, postNonce } from './marker.js';
import { openDiscussionThread } from './thread.js';
import { nextFire } from '../schedule/schedule.js';
import type { DeliveryOutcome, FoundPost } from './types.js';
import type { DeliveryDeps } from './delivery-deps.js';

export type { DeliveryDeps, RetryOptions } from './delivery-deps.js';

class StoppedError extends Error {}

interface Attempt {
  settings: FeaturedSettings;
  post: PostRecord;
  entry: Entry;
  /** Check the channel for our marker before the first send (recovering someone's claim). */
  lookFirst: boolean;
}

type TryResult = { ok: true; found: FoundPost; looked: boolean } | { ok: false; error: unknown };

export class FeaturedDelivery {
  readonly #deps: DeliveryDeps;
  readonly #outcomes: DeliveryOutcomes;
  readonly #slots: Semaphore;
  readonly #inFlight = new Map<string, Promise<DeliveryOutcome>>();
  #abort = new AbortController();

  constructor(deps: DeliveryDeps) {
    this.#deps = deps;
    this.#outcomes = new DeliveryOutcomes(deps);
    this.#slots = new Semaphore(deps.concurrency);
  }

  /** Delivers one guild's post for one period, at most once across retries, restarts and processes. */
  deliver(settings: FeaturedSettings, period: string): Promise<DeliveryOutcome> {
    const key = deliveryKey(settings.guildId, period);
    const running = this.#inFlight.get(key);
    if (running) return running.then((): DeliveryOutcome => ({ status: 'claimed-elsewhere' }));
    const delivery = this.#deliverOnce(settings, period)
      .catch((error: unknown) => this.#unexpected(settings, period, error))
      .finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, delivery);
    return delivery;
  }

  isDelivering(guildId: string, period: string): boolean {
    return this.#inFlight.has(deliveryKey(guildId, period));
  }

  /** The deliveries running now. */
  running(): Promise<DeliveryOutcome>[] {
    return [...this.#inFlight.values()];
  }

  /** Interrupts retry back-offs: a delivery sleeping before its next try ends as `stopped`. */
  interrupt(): void {
    this.#abort.abort();
  }

  /** Lets retries sleep again after `interrupt()`. */
  resume(): void {
    if (this.#abort.signal.aborted) this.#abort = new AbortController();
  }

  /** A claim left unsent by a crash: deliver it while still due, else record what became of it. */
  async settleUnsentClaim(post: PostRecord, now: Date): Promise<DeliveryOutcome> {
    const settings = await this.#deps.store.getFeatured(post.guildId);
    const active = settings && settings.enabled && !settings.pausedReason;
    const young = now.getTime() - new Date(post.periodKey).getTime() <= this.#deps.catchUpMs;
    if (settings && active && young) return this.deliver(settings, post.periodKey);
    if (!(await this.#takeOverIfAbandoned(post))) return { status: 'claimed-elsewhere' };
    const found = await this.#findMarked(post).catch(() => undefined);
    if (found) return this.#recovered(post, found, settings);
    const reason = young ? 'featured-off' : 'expired';
    await this.#deps.store.recordPostFailed(post.guildId, post.periodKey, reason, now);
    return { status: 'failed', reason };
  }

  /** Entries first seen after this guild's previous sent post (none before its first post). */
  async newEntriesSince(guildId: string, period: string): Promise<Entry[]> {
    const previous = (await this.#deps.store.recentPosts(guildId, 20)).find(
      (post) => post.periodKey < period && post.sentAt,
    );
    if (!previous?.sentAt) return [];
    const ids = new Set(await this.#deps.store.entriesFirstSeenSince(previous.sentAt));
    return this.#deps.catalog().doc.entries.filter((entry) => ids.has(entry.id) && !entry.archived);
  }

  async #deliverOnce(settings: FeaturedSettings, period: string): Promise<DeliveryOutcome> {
    const { store } = this.#deps;
    const existing = await store.getPost(settings.guildId, period);
    if (existing) return this.#handleExistingClaim(settings, existing);
    const entries = this.#deps.catalog().doc.entries;
    const choice = chooseFeatured({
      entries,
      featuredInCycle: await store.featuredInCycle(settings.guildId),
      rng: this.#deps.rng,
      ...(this.#deps.eligible ? { eligible: this.#deps.eligible } : {}),
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
      claimedAt: this.#deps.now(),
      claimant: this.#deps.claimant,
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
    if (!entry) return this.#recoverWithoutEntry(settings, post);
    return this.#attemptDelivery({ settings, post: takenOver, entry, lookFirst: true });
  }

  /** Our own claim (no delivery running here) or a stale one from a dead process: take it over. */
  async #takeOverIfAbandoned(post: PostRecord): Promise<PostRecord | undefined> {
    const { claimant } = this.#deps;
    const now = this.#deps.now();
    const ours = post.claimant === claimant;
    const stale = now.getTime() - post.claimedAt.getTime() >= this.#deps.staleClaimMs;
    if (!ours && !stale) return undefined;
    const won = await this.#deps.store.takeOverClaim(
      post.guildId,
      post.periodKey,
      post.claimant,
      claimant,
      now,
    );
    return won ? { ...post, claimant, claimedAt: now } : undefined;
  }

  /** The claimed entry left the list: only a post already in the channel can still be recorded. */
  async #recoverWithoutEntry(settings: FeaturedSettings, post: PostRecord): Promise<DeliveryOutcome> {
    const found = await this.#findMarked(post).catch(() => undefined);
    if (found) return this.#recovered(post, found, settings);
    return this.#outcomes.entryRemoved(post);
  }

  /** A post found by its marker: recorded sent, its thread opened if a crash came first. */
  async #recovered(
    post: PostRecord,
    found: FoundPost,
    settings?: FeaturedSettings,
  ): Promise<DeliveryOutcome> {
    if (settings?.thread) await this.#openThread(post, found.messageId);
    return this.#outcomes.sent(post, found, 'recovered');
  }

  /** Named after the project; opened before the post is recorded sent (see thread.ts). */
  #openThread(post: PostRecord, messageId: string): Promise<void> {
    const { guildId, channelId, entryId } = post;
    const entry = this.#deps.catalog().doc.entries.find((candidate) => candidate.id === entryId);
    const target = { guildId, channelId, messageId, name: entry?.name ?? entryId };
    return openDiscussionThread(this.#deps.poster, this.#deps.logger, target);
  }

  async #attemptDelivery(attempt: Attempt): Promise<DeliveryOutcome> {
    const { settings, post } = attempt;
    const periodEnd = nextFire(settings.schedule, settings.timezone, new Date(post.periodKey));
    let lastError: unknown;
    for (let tryNo = 1; tryNo <= this.#deps.retry.attempts; tryNo++) {
      if (tryNo > 1 && !(await this.#backOff(tryNo, periodEnd))) break;
      if (!(await this.#renewClaim(post))) return { status: 'claimed-elsewhere' };
      const result = await this.#slots.run(() => this.#tryOnce(attempt, tryNo > 1 || attempt.lookFirst));
      if (result.ok) {
        if (settings.thread) await this.#openThread(post, result.found.messageId);
        return this.#outcomes.sent(post, result.found, result.looked ? 'recovered' : 'sent');
      }
      lastError = result.error;
      const verdict = classifyDeliveryError(result.error);
      if (verdict.kind === 'permanent') return this.#outcomes.paused(post, verdict.reason, result.error);
      this.#outcomes.retrying(post, verdict, tryNo, result.error);
    }
    return this.#outcomes.gaveUp(post, lastError);
  }

  /** Sleeps before a retry; false when the next period would start first or the scheduler stops. */
  async #backOff(tryNo: number, periodEnd: Date): Promise<boolean> {
    const { retry, staleClaimMs } = this.#deps;
    // Capped below the stale-claim age so a sleeping delivery is never mistaken for a dead one.
    const cap = Math.min(retry.maxDelayMs, staleClaimMs / 2);
    const wait = Math.min(cap, retry.baseDelayMs * 2 ** (tryNo - 2));
    if (this.#deps.now().getTime() + wait >= periodEnd.getTime()) return false;
    try {
      await this.#deps.sleep(wait, this.#abort.signal);
    } catch {
      throw new StoppedError('scheduler stopped');
    }
    if (this.#abort.signal.aborted) throw new StoppedError('scheduler stopped');
    return this.#deps.now() < periodEnd;
  }

  async #renewClaim(post: PostRecord): Promise<boolean> {
    const { claimant } = this.#deps;
    return this.#deps.store.takeOverClaim(post.guildId, post.periodKey, claimant, claimant, this.#deps.now());
  }

  async #tryOnce(attempt: Attempt, lookFirst: boolean): Promise<TryResult> {
    const { settings, post, entry } = attempt;
    try {
      if (lookFirst) {
        const found = await this.#findMarked(post);
        if (found) return { ok: true, found, looked: true };
      }
      const newEntries = await this.newEntriesSince(settings.guildId, post.periodKey);
      const payload = this.#deps.buildPost(entry, {
        newEntries,
        periodKey: post.periodKey,
        marker: postMarker(post.periodKey),
      });
      // In a forum: a post titled after the project, tagged with its category.
      const sent = await this.#deps.poster.send(post.channelId, payload, {
        nonce: postNonce(post.guildId, post.periodKey),
        title: entry.name,
        tag: entry.category,
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

  async #unexpected(settings: FeaturedSettings, period: string, error: unknown): Promise<DeliveryOutcome> {
    if (error instanceof StoppedError) {
      await this.#releaseClaim(settings.guildId, period);
      return { status: 'stopped' };
    }
    return this.#outcomes.crashed(settings.guildId, period, error);
  }

  /** On shutdown: back-date our unsent claim so the next process recovers it at once (marker first). */
  async #releaseClaim(guildId: string, period: string): Promise<void> {
    const { claimant } = this.#deps;
    try {
      await this.#deps.store.takeOverClaim(guildId, period, claimant, claimant, new Date(0));
    } catch (error) {
      this.#deps.logger.warn(
        { guildId, periodKey: period, error: describeError(error) },
        'could not release claim',
      );
    }
  }
}

function deliveryKey(guildId: string, period: string): string {
  return `${guildId}|${period}`;
}
