/** The `/dsp` command: its subcommand modules and the definition registered with Discord. */
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
} from 'discord-api-types/v10';
import type { SubcommandModule } from './types.js';
import { about } from './about.js';
import { categories } from './categories.js';
import { category } from './category.js';
import { customIdPrefix } from './lib/custom-id.js';
import { project } from './project.js';
import { random } from './random.js';
import { search } from './search.js';

export const subcommands: readonly SubcommandModule[] = [
  search,
  random,
  project,
  category,
  categories,
  about,
];

/**
 * The `/dsp` definition for a set of subcommand modules: the modules here plus, in the app,
 * modules other folders add (e.g. `/dsp featured`): register `buildDspCommand([...subcommands,
 * ...extra])` so Discord knows every subcommand the router answers.
 */
export function buildDspCommand(
  modules: readonly SubcommandModule[] = subcommands,
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.ChatInput,
    name: 'dsp',
    description: 'Search and explore the awesome list of distributed-systems projects',
    options: modules.map((module) => module.definition),
    // Installable on servers and by users, so search and random work in any chat.
    integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
    contexts: [
      InteractionContextType.Guild,
      InteractionContextType.BotDM,
      InteractionContextType.PrivateChannel,
    ],
  };
}

/** `/dsp` with this folder's subcommands only. */
export const dspCommand: RESTPostAPIChatInputApplicationCommandsJSONBody = buildDspCommand();

export function findSubcommand(name: string): SubcommandModule | undefined {
  return subcommands.find((module) => module.definition.name === name);
}

export function findByComponentPrefix(prefix: string): SubcommandModule | undefined {
  return subcommands.find((module) => module.componentPrefix === prefix);
}

/** The module that answers a custom id; undefined for ids dsp did not write or no longer reads. */
export function findByCustomId(customId: string): SubcommandModule | undefined {
  const prefix = customIdPrefix(customId);
  return prefix === undefined ? undefined : findByComponentPrefix(prefix);
}

export { EXPIRED_MESSAGE, renderProjectCard } from './lib/render.js';
