/** Writes how a featured delivery ended to the store and to the log, one method per outcome. */
import type { LogSink } from '../log/logger.js';
import type { PostRecord, Store } from '../store/types.js';
import { describeError } from '../text/describe-error.js';
import type { ErrorClass } from './errors.js';
import type { DeliveryOutcome, FoundPost } from './types.js';

export interface OutcomeDeps {
  store: Store;
  logger: LogSink;
  now: () => Date;
}

export class DeliveryOutcomes {
  readonly #deps: OutcomeDeps;

  constructor(deps: OutcomeDeps) {
    this.#deps = deps;
  }

  /** Sent by us now, or found in the channel already (`recovered`). */
  async sent(post: PostRecord, found: FoundPost, status: 'sent' | 'recovered'): Promise<DeliveryOutcome> {
    await this.#deps.store.recordPostSent(post.guildId, post.periodKey, found.messageId, this.#deps.now());
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

  /** The claimed entry left the list and no post of it was found in the channel. */
  async entryRemoved(post: PostRecord): Promise<DeliveryOutcome> {
    await this.#deps.store.recordPostFailed(post.guildId, post.periodKey, 'entry-removed', this.#deps.now());
    this.#deps.logger.warn(
      { guildId: post.guildId, periodKey: post.periodKey },
      'claimed entry left the list',
    );
    return { status: 'failed', reason: 'entry-removed' };
  }

  /** The channel cannot be posted to: the guild's featured posts pause until someone fixes it. */
  async paused(post: PostRecord, reason: string, error: unknown): Promise<DeliveryOutcome> {
    const now = this.#deps.now();
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

  async gaveUp(post: PostRecord, error: unknown): Promise<DeliveryOutcome> {
    const reason = `gave-up: ${describeError(error)}`.slice(0, 500);
    await this.#deps.store.recordPostFailed(post.guildId, post.periodKey, reason, this.#deps.now());
    this.#deps.logger.error(
      { guildId: post.guildId, periodKey: post.periodKey, error: describeError(error) },
      'featured post not delivered this period after retries; the next period will post normally',
    );
    return { status: 'failed', reason };
  }

  retrying(post: PostRecord, verdict: ErrorClass, tryNo: number, error: unknown): void {
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

  /** An error nobody expected: the claim stays unsent for the next catch-up to settle. */
  crashed(guildId: string, period: string, error: unknown): DeliveryOutcome {
    this.#deps.logger.error(
      { guildId, periodKey: period, error: describeError(error) },
      'featured delivery crashed; the claim stays unsent and is settled by the next catch-up',
    );
    return { status: 'failed', reason: describeError(error) };
  }
}
