/**
 * Interactions that arrive before the first list is served (a large list takes a while to load at
 * start-up, and the bot logs in meanwhile) get a short answer for the invoker only, rather than
 * leaving Discord to time out; the router logs and counts them with the outcome 'loading'.
 * Autocomplete gets no choices meanwhile.
 */
import type { RepliableInteraction } from 'discord.js';
import { notice } from '../../commands/lib/render.js';
import { toReply } from './respond.js';

export const LIST_LOADING_MESSAGE = 'The list is still loading; try again in a few seconds.';

export async function replyWhileLoading(interaction: RepliableInteraction): Promise<'loading'> {
  await interaction.reply(toReply(notice(LIST_LOADING_MESSAGE)));
  return 'loading';
}
