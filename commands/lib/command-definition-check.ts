/**
 * Checks a chat-input command definition against Discord's rules (names, descriptions, option
 * counts and order, choices), so that the tests catch a definition Discord would refuse; and against
 * dsp's own cap on free text (every string option has a max_length of at most 100).
 */
import type {
  APIApplicationCommandOption,
  APIApplicationCommandStringOption,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { LIMITS } from './limits.js';

/** Command and option names: lowercase letters, digits, `-` and `_`, 1 to 32 of them. */
export const COMMAND_NAME_PATTERN = /^[-_\p{L}\p{N}]{1,32}$/u;

/**
 * Problems with a chat-input command definition under Discord's rules and dsp's cap on free text;
 * empty when valid.
 */
export function commandDefinitionProblems(
  command: RESTPostAPIChatInputApplicationCommandsJSONBody,
): string[] {
  return [
    ...nameProblems(command.name, '/'),
    ...descriptionProblems(command.description, command.name),
    ...optionListProblems(command.options ?? [], command.name),
  ];
}

function nameProblems(name: string, where: string): string[] {
  const problems: string[] = [];
  if (!COMMAND_NAME_PATTERN.test(name))
    problems.push(`${where}: name "${name}" does not match ^[-_\\p{L}\\p{N}]{1,32}$`);
  if (name !== name.toLowerCase()) problems.push(`${where}: name "${name}" is not lowercase`);
  return problems;
}

function descriptionProblems(description: string, where: string): string[] {
  if (description.length < 1 || description.length > LIMITS.commandDescription) {
    return [`${where}: description must be 1-100 characters, is ${description.length}`];
  }
  return [];
}

function optionListProblems(options: readonly APIApplicationCommandOption[], where: string): string[] {
  const problems: string[] = [];
  if (options.length > LIMITS.commandOptions)
    problems.push(`${where}: ${options.length} options, at most 25`);
  const names = options.map((option) => option.name);
  if (new Set(names).size !== names.length) problems.push(`${where}: duplicate option names`);
  let seenOptional = false;
  for (const option of options) {
    const path = `${where} ${option.name}`;
    problems.push(...nameProblems(option.name, path), ...descriptionProblems(option.description, path));
    const required = 'required' in option && option.required === true;
    if (required && seenOptional) problems.push(`${path}: required option after an optional one`);
    if (!required) seenOptional = true;
    problems.push(...nestedProblems(option, path));
  }
  return problems;
}

function nestedProblems(option: APIApplicationCommandOption, path: string): string[] {
  if (
    option.type === ApplicationCommandOptionType.Subcommand ||
    option.type === ApplicationCommandOptionType.SubcommandGroup
  ) {
    return optionListProblems(option.options ?? [], path);
  }
  const problems =
    option.type === ApplicationCommandOptionType.String ? stringLengthProblems(option, path) : [];
  return [...problems, ...choiceProblems(option, path)];
}

/**
 * dsp's own rule, not Discord's: free text is capped, so Discord refuses an over-long value before it
 * reaches the bot, and whatever is typed fits in a custom id.
 */
function stringLengthProblems(option: APIApplicationCommandStringOption, path: string): string[] {
  if (option.choices !== undefined) return [];
  const max = option.max_length;
  if (max === undefined) return [`${path}: string option without max_length`];
  return max > LIMITS.customId ? [`${path}: max_length ${max} is more than ${LIMITS.customId}`] : [];
}

function choiceProblems(option: APIApplicationCommandOption, path: string): string[] {
  if ('choices' in option && option.choices !== undefined) {
    const problems =
      option.choices.length > LIMITS.autocompleteChoices ? [`${path}: more than 25 choices`] : [];
    if ('autocomplete' in option && option.autocomplete === true && option.choices.length > 0) {
      problems.push(`${path}: autocomplete and choices are exclusive`);
    }
    return problems;
  }
  return [];
}
