/**
 * Interactions that arrive before the first list is served (a large list takes a while to load at
 * start-up, and the bot logs in meanwhile): a short answer for the invoker only, rather than
 * leaving Discord to time out. Autocomplete gets no choices.
 */
import type { Interaction } from 'discord.js';
import type { Logger } from 'pino';
import type { InteractionObserver } from './interactions.js';
import { notice, toReply } from './respond.js';
import { componentLabel, componentPrefixOf, readInvocation } from './routes.js';

export const LIST_LOADING_MESSAGE = 'The list is still loading; try again in a few seconds.';

export interface WhileLoadingDeps {
  logger: Logger;
  observer?: InteractionObserver;
  /** The label metrics may use for a log label (registered ones only). */
  metricLabel: (label: string) => string;
}

export async function answerWhileLoading(interaction: Interaction, deps: WhileLoadingDeps): Promise<void> {
  const { logger, observer } = deps;
  const started = performance.now();
  const label = interaction.isChatInputCommand()
    ? readInvocation(interaction.commandName, interaction.options.data).route
    : interaction.isMessageComponent()
      ? componentLabel(componentPrefixOf(interaction.customId))
      : interaction.isMessageContextMenuCommand()
        ? `message ${interaction.commandName}`
        : undefined;
  try {
    if (interaction.isAutocomplete()) await interaction.respond([]);
    else if (interaction.isRepliable()) await interaction.reply(toReply(notice(LIST_LOADING_MESSAGE)));
  } catch (error) {
    logger.warn({ err: error, interactionId: interaction.id }, 'could not answer while the list loads');
  }
  if (label === undefined) return;
  const seconds = (performance.now() - started) / 1000;
  observer?.interaction(deps.metricLabel(label), 'loading', seconds);
  logger.info(
    { interactionId: interaction.id, command: label, userId: interaction.user.id, outcome: 'loading' },
    'interaction answered while the list loads',
  );
}
