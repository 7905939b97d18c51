/**
 * Sends one claimed digest, exactly once: every message carries a deterministic nonce (sent with
 * enforce_nonce) and a marker in its embed footer, looked for before any resend (a retry, or a
 * claim a crash left unsent). Delivery errors are classified as for featured posts: a channel dsp
 * can no longer post in (403/404) pauses the server's digests; anything else is retried.
 */
import type { BuildDigest, ListChange } from '../contracts/updates.js';
import { classifyDeliveryError } from '../featured/errors.js';
import { postNonce } from '../featured/marker.js';
import { openDiscussionThread } from '../featured/thread.js';
import type { FeaturedPoster, SendOptions, Sleep } from '../featured/types.js';
import type { LogSink } from '../log/logger.js';
import type { Store } from '../store/types.js';
import type { DigestClaim, UpdatesSettings } from '../store/updates-types.js';
import { describeError } from '../text/describe-error.js';
import { applyChange } from './changes.js';
import { digestMarker } from './marker.js';

export interface DigestRetry {
  /** Tries per message, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface DigestDeliveryDeps {
  store: Store;
  poster: FeaturedPoster;
  buildDigest: BuildDigest;
  logger: LogSink;
  now: () => Date;
  /** Identifies this process in claims: the claim is renewed under it before each try. */
  claimant: string;
  /** An unsent claim not renewed for this long may be taken over; back-offs stay well below it. */
  staleClaimMs: number;
  /** The list's address when it is a URL ("and N more" links it). */
  listUrl: () => string | undefined;
  retry: DigestRetry;
  sleep: Sleep;
  signal: () => AbortSignal;
}

/**
 * `sent`: every message is in the channel; `paused`: the channel refused; `later`: try again later;
 * `elsewhere`: another process took the claim over (it was not renewed in time), and sends it.
 */
export type DigestOutcome = 'sent' | 'paused' | 'later' | 'elsewhere';

type PartResult =
  { ok: true; messageId: string } | { ok: false; error: unknown; permanent?: string; lost?: true };

interface Part {
  channelId: string;
  payload: ReturnType<BuildDigest>[number];
  marker: string;
  /** In a forum: the post's title and tag. */
  send: SendOptions;
}

export class DigestDelivery {
  readonly #deps: DigestDeliveryDeps;

  constructor(deps: DigestDeliveryDeps) {
    this.#deps = deps;
  }

  /** Posts the digest's messages in order (`lookFirst`: some may already be in the channel). */
  async deliver(settings: UpdatesSettings, digest: DigestClaim, lookFirst: boolean): Promise<DigestOutcome> {
    const messageIds: string[] = [];
    for (const part of this.#parts(settings, digest)) {
      const result = await this.#sendPart(digest, part, lookFirst);
      if (!result.ok && result.lost) return 'elsewhere';
      if (!result.ok) return this.#failed(digest, result);
      messageIds.push(result.messageId);
    }
    // Before the digest is recorded sent: a crash in between opens it again on recovery, and
    // Discord keeps one thread per message.
    const [first] = messageIds;
    if (settings.thread && first !== undefined) {
      await openDiscussionThread(this.#deps.poster, this.#deps.logger, {
        guildId: digest.guildId,
        channelId: digest.channelId,
        messageId: first,
        name: digestTitle(digest),
      });
    }
    await this.#sent(digest, messageIds);
    return 'sent';
  }

  #parts(settings: UpdatesSettings, digest: DigestClaim): Part[] {
    const change: ListChange = { added: digest.added, removed: digest.removed };
    const listUrl = this.#deps.listUrl();
    const messages = this.#deps.buildDigest(change, {
      date: digest.claimedAt,
      ...(settings.roleId === undefined ? {} : { roleId: settings.roleId }),
      ...(listUrl === undefined ? {} : { listUrl }),
      marker: (part, parts) => digestMarker(digest.digestKey, part, parts),
    });
    const title = digestTitle(digest);
    const tag = settings.category?.split(' › ')[0];
    return messages.map((payload, index) => ({
      channelId: digest.channelId,
      payload,
      marker: digestMarker(digest.digestKey, index + 1, messages.length),
      send: {
        nonce: postNonce(digest.guildId, `${digest.digestKey}:${index + 1}`),
        title: messages.length > 1 ? `${title} (${index + 1}/${messages.length})` : title,
        ...(tag === undefined ? {} : { tag }),
      },
    }));
  }

  async #sendPart(digest: DigestClaim, part: Part, lookFirst: boolean): Promise<PartResult> {
    let error: unknown;
    for (let tryNo = 1; tryNo <= this.#deps.retry.attempts; tryNo++) {
      if (tryNo > 1) await this.#backOff(tryNo);
      if (!(await this.#renewClaim(digest))) return { ok: false, error: undefined, lost: true };
      try {
        const found =
          lookFirst || tryNo > 1
            ? await this.#deps.poster.findMarkedPost(part.channelId, part.marker)
            : undefined;
        if (found) return { ok: true, messageId: found.messageId };
        const sent = await this.#deps.poster.send(part.channelId, part.payload, part.send);
        if (sent.ok) return { ok: true, messageId: sent.messageId };
        error = sent.error;
      } catch (thrown) {
        error = thrown;
      }
      const verdict = classifyDeliveryError(error);
      if (verdict.kind === 'permanent') return { ok: false, error, permanent: verdict.reason };
      this.#deps.logger.warn(
        { channelId: part.channelId, marker: part.marker, try: tryNo, error: describeError(error) },
        'updates digest message failed, will retry',
      );
    }
    return { ok: false, error };
  }

  async #backOff(tryNo: number): Promise<void> {
    const { baseDelayMs, maxDelayMs } = this.#deps.retry;
    // Capped below the stale-claim age so a sleeping delivery is never mistaken for a dead one.
    const cap = Math.min(maxDelayMs, this.#deps.staleClaimMs / 2);
    await this.#deps.sleep(Math.min(cap, baseDelayMs * 2 ** (tryNo - 2)), this.#deps.signal());
  }

  /** False when another process took the claim over meanwhile: it sends the digest, not us. */
  #renewClaim(digest: DigestClaim): Promise<boolean> {
    const { claimant, store } = this.#deps;
    return store.takeOverDigest(digest.guildId, digest.digestKey, claimant, claimant, this.#deps.now());
  }

  async #sent(digest: DigestClaim, messageIds: string[]): Promise<void> {
    const { store } = this.#deps;
    const now = this.#deps.now();
    await store.recordDigestSent(digest.guildId, digest.digestKey, messageIds, now);
    const announced = (await store.getAnnouncedList(digest.guildId))?.entries ?? [];
    await store.saveAnnouncedList(digest.guildId, { entries: applyChange(announced, digest), at: now });
    this.#deps.logger.info(
      {
        guildId: digest.guildId,
        channelId: digest.channelId,
        digestKey: digest.digestKey,
        added: digest.added.length,
        removed: digest.removed.length,
        messageIds,
      },
      'updates digest sent',
    );
  }

  async #failed(digest: DigestClaim, result: PartResult & { ok: false }): Promise<DigestOutcome> {
    const fields = { guildId: digest.guildId, channelId: digest.channelId, digestKey: digest.digestKey };
    if (result.permanent === undefined) {
      // Left unsent: the next check of this server finds it and tries again, marker first.
      this.#deps.logger.error(
        { ...fields, error: describeError(result.error) },
        'updates digest not delivered after retries; it is tried again later',
      );
      return 'later';
    }
    const now = this.#deps.now();
    await this.#deps.store.recordDigestFailed(digest.guildId, digest.digestKey, result.permanent, now);
    await this.#deps.store.pauseUpdates(digest.guildId, result.permanent, now);
    this.#deps.logger.warn(
      { ...fields, reason: result.permanent, error: describeError(result.error) },
      'updates digests paused: the channel cannot be posted to; settings kept, run /dsp-admin updates set to resume',
    );
    return 'paused';
  }
}

/** `List updates — 2026-12-02`: the digest's thread, or its forum post's title. */
function digestTitle(digest: DigestClaim): string {
  return `List updates — ${digest.claimedAt.toISOString().slice(0, 10)}`;
}
