/** Message context-menu commands in discord.js terms: the text of the target message, and the run. */
import type { Message, MessageComponentInteraction, MessageContextMenuCommandInteraction } from 'discord.js';
import type { InvocationContext, MessageCommandModule } from '../../commands/types.js';
import type { CommandServices } from '../contracts/services.js';
import { toReply, toUpdate } from './respond.js';

/** The message's content and what its embeds say (titles, descriptions, links, fields). */
export function messageText(message: Pick<Message, 'content' | 'embeds'>): string {
  const parts = [message.content];
  for (const embed of message.embeds) {
    parts.push(embed.title ?? '', embed.url ?? '', embed.description ?? '');
    for (const field of embed.fields) parts.push(field.name, field.value);
  }
  return parts.filter((part) => part !== '').join('\n');
}

export async function runMessageCommand(
  module: MessageCommandModule,
  interaction: MessageContextMenuCommandInteraction,
  context: InvocationContext,
  services: CommandServices,
): Promise<void> {
  const payload = module.execute({ ...context, text: messageText(interaction.targetMessage) }, services);
  await interaction.reply(toReply(payload));
}

export async function runMessageCommandComponent(
  module: MessageCommandModule,
  interaction: MessageComponentInteraction,
  context: InvocationContext,
  services: CommandServices,
): Promise<void> {
  const values = interaction.isStringSelectMenu() ? interaction.values : [];
  const answer = module.component({ ...context, customId: interaction.customId, values }, services);
  if (answer.kind === 'update') await interaction.update(toUpdate(answer.payload));
  else await interaction.reply(toReply(answer.payload));
}
