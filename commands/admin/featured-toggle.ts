/**
 * `/dsp-admin featured off` stops posting and keeps the settings; `/dsp-admin featured resume`
 * starts again with them, once dsp can post in the channel.
 */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { CommandInput, SubcommandModule } from '../types.js';
import type { CommandServices } from '../../src/contracts/services.js';
import type { MessagePayload } from '../../src/contracts/payload.js';
import { NOT_SET_UP } from '../lib/featured-post.js';
import { notice } from '../lib/render.js';
import { confirmation } from './featured-confirmation.js';
import {
  RESUME_COMMAND,
  accessProblem,
  channelMention,
  guildSettings,
  isAnswer,
  nextPostText,
  stateOf,
} from './shared.js';

async function off(input: CommandInput, services: CommandServices): Promise<MessagePayload> {
  const context = await guildSettings(input, services);
  if (isAnswer(context)) return context;
  const { guildId, featured, settings } = context;
  const kept = `Settings are kept: \`${RESUME_COMMAND}\` turns it back on.`;
  if (stateOf(settings) === 'off') return notice(`Featured posts are already off. ${kept}`);
  await featured.disable(guildId);
  return notice(
    `Featured posts are off: nothing more will be posted in ${channelMention(settings.channelId)}. ${kept}`,
  );
}

async function resume(input: CommandInput, services: CommandServices): Promise<MessagePayload> {
  const context = await guildSettings(input, services);
  if (isAnswer(context)) return context;
  const { guildId, featured, settings } = context;
  const now = services.now();
  if (stateOf(settings) === 'on') {
    return notice(`Featured posts are already on. Next post: ${nextPostText(settings, now)}.`);
  }
  const problem = accessProblem(
    featured.channelAccess(guildId, settings.channelId, settings.thread),
    settings.channelId,
  );
  if (problem !== undefined) return notice(`Not resumed: ${problem}`);
  if (!(await featured.resume(guildId))) return notice(NOT_SET_UP);
  return confirmation('Featured posts are on again', settings, now);
}

export const featuredOff: SubcommandModule = {
  definition: {
    type: ApplicationCommandOptionType.Subcommand,
    name: 'off',
    description: 'Stop featured posts; the channel and schedule are kept for resume',
  },
  access: 'manage-guild',
  guildOnly: true,
  execute: off,
};

export const featuredResume: SubcommandModule = {
  definition: {
    type: ApplicationCommandOptionType.Subcommand,
    name: 'resume',
    description: 'Turn featured posts back on (after off, or after fixing a permission)',
  },
  access: 'manage-guild',
  guildOnly: true,
  execute: resume,
};
