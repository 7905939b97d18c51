/**
 * The contract between pure command modules and the Discord glue in src/discord: what a module
 * exports and the input it is called with. Commands receive plain input and services, and return
 * plain message payloads: no sockets, no SQL, no discord.js objects. What commands share with the
 * rest of dsp (the catalog, message payloads, the services) lives in src/contracts.
 */
import type {
  APIApplicationCommandOptionChoice,
  APIApplicationCommandSubcommandOption,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { MessagePayload } from '../src/contracts/payload.js';
import type { CommandServices } from '../src/contracts/services.js';

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

/** What a message context-menu command is given: the message's text, nothing from Discord itself. */
export interface MessageCommandInput extends InvocationContext {
  /** The message's content, with the titles, descriptions and links of its embeds. */
  text: string;
}

/** A message context-menu command ("Apps" on a message), e.g. "Find projects". */
export interface MessageCommandModule {
  definition: RESTPostAPIContextMenuApplicationCommandsJSONBody;
  execute(input: MessageCommandInput, services: CommandServices): MessagePayload;
  /** Custom-id prefix of the buttons its answers carry. */
  componentPrefix: string;
  component(input: ComponentInput, services: CommandServices): ComponentReply;
}
