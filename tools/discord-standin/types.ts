/** Public types of the Discord stand-in. Payloads are plain JSON objects shaped like Discord's. */
import type { PermissionFlagsBits } from 'discord-api-types/v10';

/** A permission set: a bigint bitfield (PermissionFlagsBits), its decimal string, or flag names. */
export type PermissionsInput = bigint | string | readonly PermissionName[];
export type PermissionName = keyof typeof PermissionFlagsBits;

export interface OverwriteSpec {
  /** 'everyone' (the @everyone role), 'bot' (the bot's member), or a role/user id. */
  target: 'everyone' | 'bot' | string;
  /** Needed only for a raw id: 'role' (default) or 'member'. */
  type?: 'role' | 'member';
  allow?: PermissionsInput;
  deny?: PermissionsInput;
}

export interface ChannelSpec {
  id?: string;
  name?: string;
  topic?: string;
  overwrites?: OverwriteSpec[];
  /** Channel kind (default 'text'). */
  kind?: 'text' | 'announcement' | 'forum';
  /** A forum's available tags, by name (ids are generated). */
  availableTags?: string[];
}

/** Who a created message pings, given its content and allowed_mentions (as Discord decides it). */
export interface MessagePings {
  users: string[];
  roles: string[];
  /** @everyone or @here would notify. */
  everyone: boolean;
}

export interface GuildSpec {
  id?: string;
  name?: string;
  ownerId?: string;
  /** Permissions of @everyone (default: view, send, read history, embed, attach, react, use commands). */
  everyonePermissions?: PermissionsInput;
  /** Permissions of the bot's managed role (default: the same set). */
  botPermissions?: PermissionsInput;
  /** Text channels (default: #general). */
  channels?: ChannelSpec[];
}

export interface GlobalRateLimit {
  /** Requests per second over all routes except interaction callbacks; beyond it: 429 global. */
  perSecond: number;
}

export interface StandinOptions {
  token: string;
  applicationId?: string;
  botUsername?: string;
  /** Default: one guild with a #general channel. Pass [] for none. */
  guilds?: GuildSpec[];
  /** Shards recommended by GET /gateway/bot (default 1). */
  recommendedShards?: number;
  /** session_start_limit.max_concurrency of GET /gateway/bot: shards that may identify together (default 1). */
  maxConcurrency?: number;
  heartbeatIntervalMs?: number;
  /** How long after dispatch an interaction accepts its initial callback (Discord: 3000). */
  interactionTimeoutMs?: number;
  globalRateLimit?: GlobalRateLimit;
  /** Per-route limit advertised in x-ratelimit-* headers, per window (default 10000 per 1 s). */
  routeRateLimit?: { limit: number; windowMs: number };
  /**
   * Only dispatch invocations Discord could send: the command (and subcommand, group, options,
   * their types, choices and bounds, required options) must be registered. Default false.
   */
  strictCommands?: boolean;
  /** Keep at most this many recorded requests (oldest dropped; default 100000). */
  maxRecordedRequests?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path below /api/v10, e.g. /channels/123/messages. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names; the Authorization value is replaced by '[redacted]'. */
  headers: Record<string, string>;
  /** Parsed JSON body (or payload_json of a multipart body); undefined when empty. */
  body: unknown;
  /** Names of uploaded files in a multipart body. */
  files: string[];
  status: number;
  at: number;
}

export type JsonObject = Record<string, unknown>;

/** A message as Discord returns it (APIMessage-shaped, loosely typed on purpose: tests inspect any field). */
export interface StandinMessage extends JsonObject {
  id: string;
  channel_id: string;
  content: string;
  flags: number;
  embeds: JsonObject[];
  components: JsonObject[];
}

export interface FaultSpec {
  /** HTTP method to match (default: any). */
  method?: string;
  /** Tested against the path below /api/v10 (no query string). */
  path: RegExp;
  status: number;
  /** How many matching requests fail (default 1). */
  count?: number;
  /** For 429: how long the client is told to wait (default 100 ms). */
  retryAfterMs?: number;
  /** For 429: a global limit (x-ratelimit-global) rather than a route one. */
  global?: boolean;
  /** Discord JSON error code in the body (default 0). */
  code?: number;
  message?: string;
}

export interface FaultHandle {
  /** Requests that received the injected fault so far. */
  readonly hits: number;
  readonly remaining: number;
  cancel(): void;
}

export interface ConnectionInfo {
  sessionId: string;
  shardId: number;
  shardCount: number;
  /** False while the session waits for a RESUME. */
  open: boolean;
}

export interface GatewayStats {
  connections: number;
  identifies: number;
  resumes: number;
  invalidSessions: number;
  drops: number;
}

export interface CommandOptionsInput {
  [name: string]: string | number | boolean;
}

export interface InvocationSpec {
  /** Guild to invoke in; omit (and omit channelId) for a DM. Default: the first guild when channelId is given. */
  guildId?: string;
  /** Channel to invoke in (default: the guild's first channel, or the user's DM channel). */
  channelId?: string;
  userId?: string;
  username?: string;
  locale?: string;
  /** Permissions of the invoking member (default: computed from the guild for that user). */
  memberPermissions?: PermissionsInput;
  /** Run in the user's DM with the bot, even if guilds exist. */
  dm?: boolean;
}

export interface SlashSpec extends InvocationSpec {
  name: string;
  subcommand?: string;
  group?: string;
  options?: CommandOptionsInput;
}

export interface AutocompleteSpec extends SlashSpec {
  /** Name of the option being typed. */
  focused: string;
  /** What has been typed so far. */
  value: string | number;
}

export interface ComponentSpec extends InvocationSpec {
  /** A message returned earlier by the stand-in (needs id and channel_id). */
  message: { id: string; channel_id: string };
  customId: string;
}

export interface MessageCommandSpec extends InvocationSpec {
  /** The message context-menu command's name (type 3), e.g. "Find projects". */
  name: string;
  /** The message right-clicked (one the stand-in knows; its channel is the invocation's). */
  message: { id: string; channel_id: string };
}

export interface UserMessageSpec {
  channelId: string;
  content: string;
  /** Author (default: the default user). */
  userId?: string;
  username?: string;
}

export interface SelectSpec extends ComponentSpec {
  values: string[];
}
