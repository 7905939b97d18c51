/**
 * The featured post between its parts: the scheduler (src/featured) asks a post builder (commands)
 * for the message, and the admin commands reach the feature through FeaturedServices (implemented in
 * src/discord over the store and the scheduler).
 */
import type { Entry } from '../list/types.js';
import type { FeaturedSettings, FeaturedSettingsInput, PostRecord } from '../store/types.js';
import type { MessagePayload } from './payload.js';

export interface BuildPostContext {
  /** Entries first seen in the list since this guild's previous featured post. */
  newEntries: Entry[];
  periodKey: string;
  /** Must be placed in the embed footer so the post can be recognised on read-back. */
  marker: string;
}

export type BuildPost = (entry: Entry, context: BuildPostContext) => MessagePayload;

/** The post a server's next featured fire would send. */
export interface FeaturedPreview {
  entry: Entry;
  payload: MessagePayload;
  periodKey: string;
  fireAt: Date;
  cycle: number;
}

/** What the bot may do in a channel, read from the gateway cache. */
export interface ChannelAccess {
  exists: boolean;
  /** A channel a message can be posted in: text, announcement or forum. */
  textBased: boolean;
  /** A forum: each post becomes a forum post (Send Messages is "Create Posts" there). */
  forum?: boolean;
  missing: (
    'ViewChannel' | 'SendMessages' | 'EmbedLinks' | 'CreatePublicThreads' | 'SendMessagesInThreads'
  )[];
}

/** The weekly featured post, as the commands see it (store and scheduler behind it). */
export interface FeaturedServices {
  settings(guildId: string): Promise<FeaturedSettings | undefined>;
  /** Saves and reschedules. */
  save(settings: FeaturedSettingsInput): Promise<void>;
  disable(guildId: string): Promise<void>;
  /** False when the server never set it up. */
  resume(guildId: string): Promise<boolean>;
  /** Newest first. */
  history(guildId: string, limit: number): Promise<PostRecord[]>;
  preview(guildId: string): Promise<Pick<FeaturedPreview, 'entry' | 'payload' | 'fireAt'> | undefined>;
  /** With `thread`, the thread permissions count too. */
  channelAccess(guildId: string, channelId: string, thread?: boolean): ChannelAccess;
  /** Two fires closer than this are refused. */
  minIntervalSeconds: number;
}
