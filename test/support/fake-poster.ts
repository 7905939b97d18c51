/**
 * The Discord side of the featured scheduler, in memory: channels hold the messages it sent (or
 * that a test planted), read-back finds them by their footer marker, and scripted failures are
 * returned per channel, in order.
 */
import type { MessagePayload } from '../../src/contracts/payload.js';
import type { FeaturedPoster, FoundPost, SendResult } from '../../src/featured/types.js';
import { postMarker } from '../../src/featured/marker.js';

export interface PostedMessage {
  channelId: string;
  messageId: string;
  nonce: string;
  payload: MessagePayload;
}

export interface FakePosterOptions {
  /** The id of the n-th message in this poster's channels (1-based); `m1`, `m2`, … by default. */
  messageId?: (n: number) => string;
}

export class FakePoster implements FeaturedPoster {
  /** What send posted, oldest first. */
  readonly sent: PostedMessage[] = [];
  /** The channel of every findMarkedPost call, in order. */
  readonly lookups: string[] = [];
  /** Per channel, what the next sends answer with `ok: false` (one error a send) before they succeed. */
  readonly failures = new Map<string, unknown[]>();
  /** Messages in the channels that send did not post (see plantPost). */
  readonly planted: PostedMessage[] = [];
  /** The thread opened on each message, by message id (its name): one per message, as on Discord. */
  readonly threads = new Map<string, string>();
  /** Called after each successful send, once the message is in its channel. */
  onSend: (message: PostedMessage) => void = () => {};
  readonly #messageId: (n: number) => string;

  constructor(options: FakePosterOptions = {}) {
    this.#messageId = options.messageId ?? ((n) => `m${n}`);
  }

  async send(channelId: string, payload: MessagePayload, options: { nonce: string }): Promise<SendResult> {
    const failure = this.failures.get(channelId)?.shift();
    if (failure !== undefined) return { ok: false, error: failure };
    const messageId = this.#messageId(this.sent.length + this.planted.length + 1);
    const message = { channelId, messageId, nonce: options.nonce, payload };
    this.sent.push(message);
    this.onSend(message);
    return { ok: true, messageId, url: `https://discord.com/channels/x/${channelId}/${messageId}` };
  }

  async openThread(_channelId: string, messageId: string, name: string): Promise<void> {
    // Like the real poster: a message that has its thread already resolves (Discord's 160004).
    if (!this.threads.has(messageId)) this.threads.set(messageId, name);
  }

  async findMarkedPost(channelId: string, marker: string): Promise<FoundPost | undefined> {
    this.lookups.push(channelId);
    const found = [...this.sent, ...this.planted].find(
      (message) =>
        message.channelId === channelId &&
        message.payload.embeds?.some((embed) => embed.footer?.text.includes(marker)),
    );
    return found
      ? { messageId: found.messageId, url: `https://discord.com/channels/x/${channelId}/${found.messageId}` }
      : undefined;
  }

  /** A post of this period that reached the channel although the process died before recording it. */
  plantPost(channelId: string, periodKey: string, messageId: string): void {
    this.planted.push({
      channelId,
      messageId,
      nonce: 'n',
      payload: { embeds: [{ footer: { text: postMarker(periodKey) } }], allowedMentions: { parse: [] } },
    });
  }

  sentTo(channelId: string): PostedMessage[] {
    return this.sent.filter((message) => message.channelId === channelId);
  }
}
