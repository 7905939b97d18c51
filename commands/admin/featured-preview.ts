/** `/dsp-admin featured preview`: what the next featured post will look like, and when it goes out. */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { CommandInput, SubcommandModule } from '../types.js';
import type { CommandServices } from '../../src/contracts/services.js';
import type { MessagePayload } from '../../src/contracts/payload.js';
import { whenText } from '../lib/featured-post.js';
import { truncate } from '../../src/text/truncate.js';
import { LIMITS } from '../lib/limits.js';
import { notice } from '../lib/render.js';
import { RESUME_COMMAND, guildSettings, isAnswer, stateOf } from './shared.js';

const NOT_POSTING = {
  paused: `Posting is paused, so nothing goes out until \`${RESUME_COMMAND}\`.`,
  off: `Posting is off, so nothing goes out until \`${RESUME_COMMAND}\`.`,
};

async function execute(input: CommandInput, services: CommandServices): Promise<MessagePayload> {
  const context = await guildSettings(input, services);
  if (isAnswer(context)) return context;
  const { guildId, featured, settings } = context;
  const preview = await featured.preview(guildId);
  if (preview === undefined) return notice('The list has no project to feature right now.');
  const state = stateOf(settings);
  const intro = [
    `**Preview** of the post due ${whenText(preview.fireAt)}. The project is picked when it is posted, so it may differ.`,
    ...(state === 'on' ? [] : [NOT_POSTING[state]]),
  ].join(' ');
  const content = [intro, preview.payload.content].filter((part) => part !== undefined).join('\n\n');
  return { ...preview.payload, content: truncate(content, LIMITS.messageContent), ephemeral: true };
}

export const featuredPreview: SubcommandModule = {
  definition: {
    type: ApplicationCommandOptionType.Subcommand,
    name: 'preview',
    description: 'See what the next featured post will look like (only you see it)',
  },
  access: 'manage-guild',
  guildOnly: true,
  execute,
};
