/** Who is asking and whether they may: the invocation context and the run-time permission checks. */
import { PermissionFlagsBits } from 'discord.js';
import type { BaseInteraction } from 'discord.js';
import type { InvocationContext, SubcommandModule } from '../../commands/types.js';

export function invocationContext(interaction: BaseInteraction): InvocationContext {
  return {
    userId: interaction.user.id,
    ...(interaction.guildId ? { guildId: interaction.guildId } : {}),
    ...(interaction.channelId ? { channelId: interaction.channelId } : {}),
  };
}

/** Why this user may not run `module` here, or undefined when they may. */
export function refusal(
  module: SubcommandModule,
  interaction: BaseInteraction,
  ownerIds: ReadonlySet<string>,
): string | undefined {
  if ((module.guildOnly || module.access === 'manage-guild') && !interaction.inGuild()) {
    return 'This command only works in a server.';
  }
  if (
    module.access === 'manage-guild' &&
    !interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)
  ) {
    return 'You need the **Manage Server** permission to do this.';
  }
  if (module.access === 'owner' && !ownerIds.has(interaction.user.id)) {
    return 'Only the owners of this bot can do this.';
  }
  return undefined;
}
