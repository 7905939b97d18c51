/** Reading the glue's plain option values, and the option definitions several subcommands share. */
import type {
  APIApplicationCommandBasicOption,
  APIApplicationCommandStringOption,
} from 'discord-api-types/v10';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { Suggestion } from '../../src/search/types.js';
import type { Choice, CommandInput, InvocationContext, OptionValue } from '../types.js';
import { fitChoices } from './limits.js';

type Options = Record<string, OptionValue | undefined>;

/** A string option's trimmed value; undefined when missing, blank or not a string. */
export function stringOption(options: Options, name: string): string | undefined {
  const value = options[name];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** `hide:true` makes the reply ephemeral; replies are public by default. */
export function isHidden(input: CommandInput): boolean {
  return input.options['hide'] === true;
}

/**
 * Where `/dsp random` remembers its picks: the channel in a server, the user elsewhere
 * (DMs and group DMs of a user-installed app).
 */
export function picksKey(context: InvocationContext): string {
  if (context.guildId !== undefined && context.channelId !== undefined) return `channel:${context.channelId}`;
  return `user:${context.userId}`;
}

export function suggestionsToChoices(suggestions: readonly Suggestion[]): Choice[] {
  return fitChoices(suggestions.map((suggestion) => ({ name: suggestion.label, value: suggestion.value })));
}

export const hideOption: APIApplicationCommandBasicOption = {
  type: ApplicationCommandOptionType.Boolean,
  name: 'hide',
  description: 'Show the answer only to you (default: everyone in the channel sees it)',
};

export function autocompleteOption(
  name: string,
  description: string,
  required = false,
): APIApplicationCommandStringOption {
  return {
    type: ApplicationCommandOptionType.String,
    name,
    description,
    autocomplete: true,
    max_length: 100,
    ...(required ? { required: true } : {}),
  };
}

/** The optional category/language/tag filters shared by search and random. */
export const filterOptions: APIApplicationCommandStringOption[] = [
  autocompleteOption('category', 'Only projects in this category'),
  autocompleteOption('language', 'Only projects in this programming language'),
  autocompleteOption('tag', 'Only projects with this tag, e.g. Raft'),
];
