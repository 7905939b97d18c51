/**
 * The updates channel between its parts: the engine (src/updates) works out what changed for a
 * server and asks a digest builder (commands) for the messages; the admin commands reach the
 * feature through UpdatesServices (implemented in src/discord over the store and the engine).
 */
import type {
  DigestRecord,
  ListedEntry,
  UpdatesSettings,
  UpdatesSettingsInput,
} from '../store/updates-types.js';
import type { ChannelAccess } from './featured.js';
import type { MessagePayload } from './payload.js';

/** What a server following the list has not been told yet. */
export interface ListChange {
  added: ListedEntry[];
  removed: ListedEntry[];
}

export interface DigestContext {
  /** When the digest goes out (its title names the day). */
  date: Date;
  /** The one role the digest pings; nobody when absent. */
  roleId?: string;
  /** Where the whole list can be read, linked from "and N more" (http(s) sources only). */
  listUrl?: string;
  /** The marker for part `part` of `parts`: must be in that message's embed footer or layout text. */
  marker(part: number, parts: number): string;
}

/** One digest, as one or more messages within Discord's limits. */
export type BuildDigest = (change: ListChange, context: DigestContext) => MessagePayload[];

/** The digest a server would get now, without claiming anything. */
export interface DigestPreview {
  change: ListChange;
  messages: MessagePayload[];
  /** When it would go out (the interval since the last digest must pass first). */
  dueAt: Date;
}

/** The updates channel, as the commands see it (store and engine behind it). */
export interface UpdatesServices {
  settings(guildId: string): Promise<UpdatesSettings | undefined>;
  /** Saves; from now on changes to the list as it is served now are announced. */
  save(settings: UpdatesSettingsInput): Promise<void>;
  disable(guildId: string): Promise<void>;
  /** Newest first. */
  history(guildId: string, limit: number): Promise<DigestRecord[]>;
  /** Undefined when the server never set it up. */
  preview(guildId: string): Promise<DigestPreview | undefined>;
  /** With `thread`, the thread permissions count too. */
  channelAccess(guildId: string, channelId: string, thread?: boolean): ChannelAccess;
  /** At most one digest per server in this time (UPDATES_MIN_INTERVAL). */
  minIntervalMs: number;
}
