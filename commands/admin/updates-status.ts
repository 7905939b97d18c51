/**
 * `/dsp-admin updates status`: where digests go, what they follow and ping, the last one, and
 * why posting paused with how to resume. `/dsp-admin updates off` stops them, keeping the settings.
 */
import type { APIEmbedField } from 'discord-api-types/v10';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { UpdatesServices } from '../../src/contracts/updates.js';
import type { CommandServices } from '../../src/contracts/services.js';
import type { MessagePayload } from '../../src/contracts/payload.js';
import type { DigestRecord, UpdatesSettings } from '../../src/store/updates-types.js';
import type { CommandInput, SubcommandModule } from '../types.js';
import { discordTimestamp, messageLink } from '../lib/featured-post.js';
import { notice } from '../lib/render.js';
import { accessProblem, channelMention, pauseReasonText, statusAnswer } from './shared.js';
import {
  UPDATES_NOT_SET_UP,
  UPDATES_SET_COMMAND,
  followedText,
  guildUpdates,
  intervalText,
  isUpdatesAnswer,
  roleText,
} from './updates-shared.js';

const STATE_TITLES = { on: 'List updates: on', paused: 'List updates: paused', off: 'List updates: off' };

function stateOf(settings: UpdatesSettings): keyof typeof STATE_TITLES {
  if (!settings.enabled) return 'off';
  return settings.pausedReason === undefined ? 'on' : 'paused';
}

function lastDigestText(digest: DigestRecord | undefined): string {
  if (digest?.sentAt === undefined) return 'None yet';
  const counts = `${digest.added.length} added, ${digest.removed.length} removed`;
  const [first] = digest.messageIds ?? [];
  const where =
    first === undefined ? counts : `[${counts}](${messageLink(digest.guildId, digest.channelId, first)})`;
  return `${where} ${discordTimestamp(digest.sentAt, 'R')}`;
}

function stateFields(settings: UpdatesSettings, updates: UpdatesServices): APIEmbedField[] {
  const state = stateOf(settings);
  const problem = accessProblem(
    updates.channelAccess(settings.guildId, settings.channelId, settings.thread),
    settings.channelId,
  );
  const setAgain = `run \`${UPDATES_SET_COMMAND}\` again (untold changes are kept)`;
  if (state === 'on')
    return problem === undefined ? [] : [{ name: '⚠️ The next digest will fail', value: problem }];
  if (state === 'off')
    return [{ name: 'How to turn it on', value: `\`${UPDATES_SET_COMMAND}\` turns it back on.` }];
  const since = settings.pausedAt === undefined ? '' : ` ${discordTimestamp(settings.pausedAt, 'R')}`;
  return [
    { name: 'Why it paused', value: `Paused${since}: ${pauseReasonText(settings.pausedReason ?? '')}.` },
    {
      name: 'How to resume',
      value:
        problem === undefined
          ? `dsp can post in the channel again: ${setAgain}.`
          : `Right now: ${problem} Then ${setAgain}.`,
    },
  ];
}

async function status(input: CommandInput, services: CommandServices): Promise<MessagePayload> {
  const context = await guildUpdates(input, services);
  if (isUpdatesAnswer(context)) return context;
  const { updates, settings } = context;
  if (settings === undefined) return notice(UPDATES_NOT_SET_UP);
  const [last] = (await updates.history(settings.guildId, 5)).filter((digest) => digest.sentAt !== undefined);
  const state = stateOf(settings);
  return statusAnswer(STATE_TITLES[state], state === 'on', settings.channelId, [
    { name: 'Pings', value: roleText(settings.roleId), inline: true },
    { name: 'Follows', value: followedText(settings.category) },
    { name: 'How often', value: intervalText(updates.minIntervalMs) },
    ...(settings.thread ? [{ name: 'Threads', value: 'Each digest opens a thread for discussion' }] : []),
    ...stateFields(settings, updates),
    { name: 'Last digest', value: lastDigestText(last) },
  ]);
}

async function off(input: CommandInput, services: CommandServices): Promise<MessagePayload> {
  const context = await guildUpdates(input, services);
  if (isUpdatesAnswer(context)) return context;
  const { guildId, updates, settings } = context;
  if (settings === undefined) return notice(UPDATES_NOT_SET_UP);
  const kept = `Settings are kept: \`${UPDATES_SET_COMMAND}\` turns it back on.`;
  if (!settings.enabled) return notice(`List updates are already off. ${kept}`);
  await updates.disable(guildId);
  return notice(`List updates are off: no more digests in ${channelMention(settings.channelId)}. ${kept}`);
}

export const updatesStatus: SubcommandModule = {
  definition: {
    type: ApplicationCommandOptionType.Subcommand,
    name: 'status',
    description: 'Where list-update digests go, the last one, and why posting paused',
  },
  access: 'manage-guild',
  guildOnly: true,
  execute: status,
};

export const updatesOff: SubcommandModule = {
  definition: {
    type: ApplicationCommandOptionType.Subcommand,
    name: 'off',
    description: 'Stop list-update digests; the channel, category and role are kept',
  },
  access: 'manage-guild',
  guildOnly: true,
  execute: off,
};
