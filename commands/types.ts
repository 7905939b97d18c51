/**
 * The contract between pure command modules and the Discord glue in src/discord.
 * Commands receive plain input and services, and return plain message payloads:
 * no sockets, no SQL, no discord.js objects.
 */
import type {
  APIActionRowComponent,
  APIApplicationCommandOptionChoice,
  APIApplicationCommandSubcommandOption,
  APIComponentInMessageActionRow,
  APIEmbed,
} from 'discord-api-types/v10';
import type { FeaturedSettings, FeaturedSettingsInput, PostRecord } from '../src/store/types.js';
import type { ListDocument, Entry } from '../src/list/types.js';
import type { ProjectIndex } from '../src/search/index.js';

/** Every message dsp sends carries this: no pings, ever. */
export interface NoMentions {
  parse: [];
}

export interface MessagePayload {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /** Only for a new reply: show it to the invoking user only. */
  ephemeral?: boolean;
  allowedMentions: NoMentions;
}

/** A component press either edits the message it sits on or posts a new reply. */
export type ComponentReply =
  { kind: 'update'; payload: MessagePayload } | { kind: 'reply'; payload: MessagePayload };

export type OptionValue = string | number | boolean;

export interface InvocationContext {
  userId: string;
  guildId?: string;
  channelId?: string;
}

export interface CommandInput extends InvocationContext {
  /** Option values by option name, already type-converted by the glue. */
  options: Record<string, OptionValue | undefined>;
}

export interface AutocompleteInput extends InvocationContext {
  /** The option being typed. */
  focused: string;
  /** What has been typed so far in that option. */
  value: string;
  /** The other options' current values. */
  options: Record<string, OptionValue | undefined>;
}

export interface ComponentInput extends InvocationContext {
  /** The custom id, minus nothing: modules decode it with commands/lib/custom-id.ts. */
  customId: string;
  /** Selected values for select menus. */
  values: string[];
}

/** The list currently served: swapped whole on reload, never mutated. */
export interface Catalog {
  doc: ListDocument;
  index: ProjectIndex;
  /** File path or URL the list came from. */
  source: string;
  loadedAt: Date;
}

/** Remembers the last picks of `/dsp random` per channel, so that picks do not repeat. */
export interface RecentPicks {
  recent(channelKey: string): readonly string[];
  remember(channelKey: string, entryId: string): void;
}

/** What the bot may do in a channel, read from the gateway cache. */
export interface ChannelAccess {
  exists: boolean;
  /** A text-based channel a message can be posted in. */
  textBased: boolean;
  missing: ('ViewChannel' | 'SendMessages' | 'EmbedLinks')[];
}

export interface FeaturedPreviewView {
  entry: Entry;
  payload: MessagePayload;
  fireAt: Date;
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
  preview(guildId: string): Promise<FeaturedPreviewView | undefined>;
  channelAccess(guildId: string, channelId: string): ChannelAccess;
  /** Two fires closer than this are refused. */
  minIntervalSeconds: number;
}

export interface ReloadOutcomeView {
  outcome: 'updated' | 'unchanged' | 'refused' | 'failed';
  before: { entries: number; categories: number };
  after?: { entries: number; categories: number };
  added: string[];
  removed: string[];
  message: string;
}

/** Where this bot process stands in a sharded deployment. */
export interface RuntimeInfo {
  /** The gateway shard a server's events arrive on; undefined outside servers. */
  shardOf(guildId?: string): { id: number; count: number } | undefined;
  /** Bot processes recently heartbeating in the shared store; undefined when it keeps no registry. */
  liveProcesses(): Promise<number | undefined>;
}

export interface CommandServices {
  catalog(): Catalog;
  /** Absent when the bot runs without a store (e.g. in the CLI). */
  featured?: FeaturedServices;
  /** Owner-only reload of the list. */
  reloadList?(force: boolean): Promise<ReloadOutcomeView>;
  now(): Date;
  /** Uniform in [0, 1). */
  rng(): number;
  recentPicks: RecentPicks;
  version: string;
  /** Sharding details for `/dsp about`; absent outside the bot. */
  runtime?: RuntimeInfo;
}

export type Choice = APIApplicationCommandOptionChoice<string>;

/** Who may run a subcommand; checked again at run time by the glue, whatever the definition says. */
export type Access = 'everyone' | 'manage-guild' | 'owner';

/** One `/dsp <name>` subcommand. */
export interface SubcommandModule {
  definition: APIApplicationCommandSubcommandOption;
  /** Default `everyone`. */
  access?: Access;
  /** Refuse outside servers. */
  guildOnly?: boolean;
  execute(input: CommandInput, services: CommandServices): MessagePayload | Promise<MessagePayload>;
  autocomplete?(input: AutocompleteInput, services: CommandServices): Choice[];
  /** Custom-id prefix this module answers, e.g. `search`. */
  componentPrefix?: string;
  component?(input: ComponentInput, services: CommandServices): ComponentReply | Promise<ComponentReply>;
}
