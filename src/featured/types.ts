/** Ports the Discord glue implements for the featured scheduler. */
import type { Catalog } from '../contracts/catalog.js';
import type { MessagePayload } from '../contracts/payload.js';

export type SendResult = { ok: true; messageId: string; url: string } | { ok: false; error: unknown };

export interface SendOptions {
  nonce: string;
  /** A forum post's title. */
  title?: string;
  /** A forum tag to apply when the forum has one of that name (a category). */
  tag?: string;
}

export interface FoundPost {
  messageId: string;
  url: string;
}

export interface FeaturedPoster {
  /**
   * Post with the given nonce and `enforce_nonce: true`; never throws, errors come back as `ok: false`.
   * In a forum channel the post becomes a forum post titled `title`, with the tag named `tag`.
   */
  send(channelId: string, payload: MessagePayload, options: SendOptions): Promise<SendResult>;
  /**
   * Search the channel's recent messages by the bot for one whose embed footer contains `marker`.
   * May throw (e.g. missing access); the error is classified like a send error.
   */
  findMarkedPost(channelId: string, marker: string): Promise<FoundPost | undefined>;
  /**
   * Opens a public thread on a posted message, auto-archived after a week. Idempotent: a message
   * that already has a thread resolves too (Discord allows one per message). Throws on other errors.
   */
  openThread?(channelId: string, messageId: string, name: string): Promise<void>;
}

export interface CronTask {
  stop(): void | Promise<void>;
}

/**
 * Starts a recurring trigger; the default wraps node-cron's `schedule`. `onTick` gets the
 * scheduled instant when the trigger knows it (node-cron's `context.date`), else the scheduler
 * uses its clock.
 */
export type CronFactory = (
  expression: string,
  onTick: (scheduledAt?: Date) => void,
  options: { timezone: string },
) => CronTask;

export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export type CatalogProvider = () => Pick<Catalog, 'doc'>;

export type DeliveryOutcome =
  | { status: 'sent'; messageId: string }
  /** Found already posted in the channel (after a crash or a lost response) and recorded. */
  | { status: 'recovered'; messageId: string }
  | { status: 'already-sent' }
  | { status: 'already-failed'; reason: string }
  /** Another process or delivery holds a live claim for this period. */
  | { status: 'claimed-elsewhere' }
  | { status: 'paused'; reason: string }
  | { status: 'failed'; reason: string }
  | { status: 'no-entry' }
  | { status: 'stopped' };
