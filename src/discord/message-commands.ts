/** Message context-menu commands in discord.js terms: the text of the target message, and the run. */
import type { Message, MessageComponentInteraction, MessageContextMenuCommandInteraction } from 'discord.js';
import type { InvocationContext, MessageCommandModule } from '../../commands/types.js';
import type { CommandServices } from '../contracts/services.js';
import { toReply, toUpdate } from './respond.js';

/** The text displays of a Components V2 layout, nested ones included. */
function layoutTexts(components: unknown): string[] {
  if (!Array.isArray(components)) return [];
  return components.flatMap((component: { content?: unknown; components?: unknown; accessory?: unknown }) => [
    ...(typeof component.content === 'string' ? [component.content] : []),
    ...layoutTexts(component.components),
    ...layoutTexts(component.accessory === undefined ? [] : [component.accessory]),
  ]);
}

/** The message's content and what its embeds or layout say (titles, descriptions, links, fields). */
export function messageText(message: Pick<Message, 'content' | 'embeds'> & { components?: unknown }): string {
  const parts = [message.content];
  for (const embed of message.embeds) {
    parts.push(embed.title ?? '', embed.url ?? '', embed.description ?? '');
    for (const field of embed.fields) parts.push(field.name, field.value);
  }
  const components = Array.isArray(message.components)
    ? message.components.map((component: { toJSON?: () => unknown }) => component.toJSON?.() ?? component)
    : [];
  parts.push(...layoutTexts(components));
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
