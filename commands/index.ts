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
 * The `/dsp` definition for a set of subcommand modules: the modules here plus the ones other
 * folders add (e.g. `/dsp featured`). `src/discord/commands.ts` registers it with every module the
 * router answers, and routes invocations and components with `src/discord/routes.ts`.
 */
export function buildDspCommand(
  modules: readonly SubcommandModule[],
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
