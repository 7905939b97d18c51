/** `/dsp-admin updates preview`: the digest the server would get now, and when (only you see it, nobody is pinged). */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { CommandServices } from '../../src/contracts/services.js';
import type { MessagePayload } from '../../src/contracts/payload.js';
import type { CommandInput, SubcommandModule } from '../types.js';
import { whenText } from '../lib/featured-post.js';
import { layoutPayload, textDisplay } from '../lib/layout.js';
import { LIMITS } from '../lib/limits.js';
import { notice, payload } from '../lib/render.js';
import { truncate } from '../../src/text/truncate.js';
import { UPDATES_NOT_SET_UP, UPDATES_SET_COMMAND, guildUpdates, isUpdatesAnswer } from './updates-shared.js';

async function execute(input: CommandInput, services: CommandServices): Promise<MessagePayload> {
  const context = await guildUpdates(input, services);
  if (isUpdatesAnswer(context)) return context;
  const { guildId, updates, settings } = context;
  if (settings === undefined) return notice(UPDATES_NOT_SET_UP);
  const preview = await updates.preview(guildId);
  if (preview === undefined) return notice(UPDATES_NOT_SET_UP);
  const { added, removed } = preview.change;
  if (added.length === 0 && removed.length === 0) {
    return notice(
      'Nothing to announce: the list has not changed since the last digest (in what this server follows).',
    );
  }
  const off =
    settings.enabled && settings.pausedReason === undefined
      ? ''
      : ` Digests are not being posted now: \`${UPDATES_SET_COMMAND}\` turns them on.`;
  const intro = `**Preview** of the digest due ${whenText(preview.dueAt)}; changes until then join it.${off}`;
  const [first] = preview.messages;
  if (first?.layout !== undefined) {
    // Components style: the intro above the digest's own layouts, shortened together to the limits.
    const layouts = preview.messages.flatMap((message) => message.layout ?? []);
    return layoutPayload([textDisplay(intro), ...layouts], true);
  }
  const embeds = preview.messages
    .flatMap((message) => message.embeds ?? [])
    .slice(0, LIMITS.embedsPerMessage);
  const content = [intro, first?.content].filter((part) => part !== undefined).join('\n\n');
  // Ephemeral and without pings, whatever role the digest itself would ping.
  return payload({ content: truncate(content, LIMITS.messageContent), embeds }, true);
}

export const updatesPreview: SubcommandModule = {
  definition: {
    type: ApplicationCommandOptionType.Subcommand,
    name: 'preview',
    description: 'See the list-updates digest this server would get now (only you see it)',
  },
  access: 'manage-guild',
  guildOnly: true,
  execute,
};
