/**
 * The discussion thread on a post (`thread:true`), shared by featured posts and update digests.
 * Opened before the post is recorded sent, so a retry or a recovery after a crash opens it again,
 * and Discord keeps one thread per message: never two. Discord's 5xx and 429 are retried by the
 * REST client; a refusal is logged and never undoes the post.
 */
import type { LogSink } from '../log/logger.js';
import { describeError } from '../text/describe-error.js';
import type { FeaturedPoster } from './types.js';

/** Discord's limit on a thread name. */
const THREAD_NAME_LIMIT = 100;

export interface ThreadTarget {
  guildId: string;
  channelId: string;
  messageId: string;
  name: string;
}

export async function openDiscussionThread(
  poster: FeaturedPoster,
  logger: LogSink,
  target: ThreadTarget,
): Promise<void> {
  if (poster.openThread === undefined) return;
  const name = target.name.trim().slice(0, THREAD_NAME_LIMIT) || 'Discussion';
  try {
    await poster.openThread(target.channelId, target.messageId, name);
  } catch (error) {
    logger.warn(
      { ...target, error: describeError(error) },
      'could not open a thread on the post; the post itself is sent',
    );
  }
}
