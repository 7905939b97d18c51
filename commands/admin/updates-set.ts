/**
 * `/dsp-admin updates set channel:<channel> [category] [role] [thread]`: where digests of the list's
 * changes go, which part of the list they follow and the one role they ping. Checked before
 * saving: the category against the list, the role, and whether dsp may post in the channel.
 */
import type { APIEmbedField } from 'discord-api-types/v10';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { CommandServices } from '../../src/contracts/services.js';
import type { MessagePayload } from '../../src/contracts/payload.js';
import { categoryLabel } from '../../src/search/category-lookup.js';
import { lookupCategory } from '../../src/search/filter-lookup.js';
import type { CommandInput, SubcommandModule } from '../types.js';
import { resolution } from '../lib/filters.js';
import { fitEmbed } from '../lib/limits.js';
import { stringOption, suggestionsToChoices } from '../lib/options.js';
import { COLOURS, notice, payload } from '../lib/render.js';
import { POST_CHANNEL_OPTION, accessProblem, channelMention } from './shared.js';
import { followedText, guildUpdates, intervalText, isUpdatesAnswer, roleText } from './updates-shared.js';

type Checked<T> = { ok: true; value: T } | { ok: false; answer: MessagePayload };

function checkCategory(raw: string | undefined, services: CommandServices): Checked<string | undefined> {
  if (raw === undefined || raw.trim() === '') return { ok: true, value: undefined };
  // The same lookup and "not in the list" text as /dsp category and the CLI.
  const found = resolution(lookupCategory(services.catalog().index, raw));
  return found.ok ? { ok: true, value: categoryLabel(found.value) } : { ok: false, answer: found.error };
}

function checkRole(raw: string | undefined, guildId: string): Checked<string | undefined> {
  if (raw === undefined) return { ok: true, value: undefined };
  // The @everyone role has the server's id: pinging it is never what a digest should do.
  if (raw === guildId || !/^\d{1,25}$/.test(raw)) {
    return { ok: false, answer: notice('Not saved: pick a role other than @everyone to ping, or none.') };
  }
  return { ok: true, value: raw };
}

async function execute(input: CommandInput, services: CommandServices): Promise<MessagePayload> {
  const context = await guildUpdates(input, services);
  if (isUpdatesAnswer(context)) return context;
  const { guildId, updates } = context;
  const channelId = stringOption(input.options, 'channel');
  if (channelId === undefined) return notice('Pick the channel to post in, e.g. `channel:#list-updates`.');
  const category = checkCategory(stringOption(input.options, 'category'), services);
  if (!category.ok) return category.answer;
  const role = checkRole(stringOption(input.options, 'role'), guildId);
  if (!role.ok) return role.answer;
  const thread = input.options.thread === true;
  const problem = accessProblem(updates.channelAccess(guildId, channelId, thread), channelId);
  if (problem !== undefined) return notice(`Not saved: ${problem}`);
  const settings = {
    guildId,
    channelId,
    ...(category.value === undefined ? {} : { category: category.value }),
    ...(role.value === undefined ? {} : { roleId: role.value }),
    thread,
    enabled: true,
    updatedAt: services.now(),
    updatedBy: input.userId,
  };
  await updates.save(settings);
  const fields: APIEmbedField[] = [
    { name: 'Channel', value: channelMention(channelId), inline: true },
    { name: 'Pings', value: roleText(settings.roleId), inline: true },
    { name: 'Follows', value: followedText(settings.category) },
    { name: 'How often', value: intervalText(updates.minIntervalMs) },
    ...(thread ? [{ name: 'Threads', value: 'Each digest opens a thread for discussion' }] : []),
  ];
  const embed = fitEmbed({
    title: 'List updates are on',
    description: 'When projects are added to the list or removed from it, a digest of them is posted here.',
    color: COLOURS.brand,
    fields,
    footer: {
      text: 'See the next one with /dsp-admin updates preview · turn it off with /dsp-admin updates off',
    },
  });
  return payload({ embeds: [embed] }, true);
}

export const updatesSet: SubcommandModule = {
  definition: {
    type: ApplicationCommandOptionType.Subcommand,
    name: 'set',
    description: 'Post a digest of the projects added to and removed from the list in a channel',
    options: [
      POST_CHANNEL_OPTION,
      {
        type: ApplicationCommandOptionType.String,
        name: 'category',
        description: 'Only changes in this category and its sub-categories (default: the whole list)',
        autocomplete: true,
        max_length: 100,
      },
      {
        type: ApplicationCommandOptionType.Role,
        name: 'role',
        description: 'A role to ping with each digest (default: nobody)',
      },
      {
        type: ApplicationCommandOptionType.Boolean,
        name: 'thread',
        description: 'Open a thread on each digest for discussion (default: false)',
      },
    ],
  },
  access: 'manage-guild',
  guildOnly: true,
  execute,
  autocomplete(input, services) {
    if (input.focused !== 'category') return [];
    return suggestionsToChoices(services.catalog().index.suggestCategory(input.value.trim()));
  },
};
