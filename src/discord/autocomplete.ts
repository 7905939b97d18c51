/** Autocomplete answers: the module's choices, fitted to Discord's limits, never an error to the user. */
import type { AutocompleteInteraction } from 'discord.js';
import type { Logger } from 'pino';
import type { SubcommandModule } from '../../commands/types.js';
import { fitChoices } from '../../commands/lib/limits.js';
import type { CommandServices } from '../contracts/services.js';
import { invocationContext } from './access.js';
import type { CommandRegistry } from './routes.js';
import { readInvocation } from './routes.js';

export async function answerAutocomplete(
  interaction: AutocompleteInteraction,
  deps: {
    registry: CommandRegistry;
    services: CommandServices;
    logger: Logger;
    /** False while the first list loads: there is nothing to suggest from yet. */
    listLoaded?: () => boolean;
  },
): Promise<void> {
  const { route, options, focused } = readInvocation(interaction.commandName, interaction.options.data);
  const module = deps.registry.byRoute.get(route);
  let choices: ReturnType<NonNullable<SubcommandModule['autocomplete']>> = [];
  try {
    if (module?.autocomplete && focused && deps.listLoaded?.() !== false) {
      choices = module.autocomplete(
        { ...invocationContext(interaction), focused: focused.name, value: focused.value, options },
        deps.services,
      );
    }
  } catch (error) {
    deps.logger.error({ err: error, command: route, interactionId: interaction.id }, 'autocomplete failed');
  }
  try {
    await interaction.respond(fitChoices(choices));
  } catch (error) {
    // Autocomplete answers race the user's typing; a late or superseded answer is not worth more than a debug line.
    deps.logger.debug({ err: error, command: route }, 'autocomplete answer not delivered');
  }
}
