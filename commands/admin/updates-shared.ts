/** Pieces every `/dsp-admin updates …` subcommand shares: the server's settings and their wording. */
import type { UpdatesServices } from '../../src/contracts/updates.js';
import type { CommandServices } from '../../src/contracts/services.js';
import type { MessagePayload } from '../../src/contracts/payload.js';
import type { UpdatesSettings } from '../../src/store/updates-types.js';
import type { CommandInput } from '../types.js';
import { escapeInline } from '../lib/escape.js';
import { notice } from '../lib/render.js';
import { formatDuration } from './shared.js';

export const UPDATES_SET_COMMAND = '/dsp-admin updates set';
export const UPDATES_UNAVAILABLE = 'List updates are not available in this dsp.';
export const UPDATES_NOT_SET_UP = `This server has no updates channel yet: \`${UPDATES_SET_COMMAND} channel:#…\` sets one up.`;

export interface GuildUpdates {
  guildId: string;
  updates: UpdatesServices;
  settings: UpdatesSettings | undefined;
}

/** The server, the updates services and its settings (if any), or the answer to give instead. */
export async function guildUpdates(
  input: CommandInput,
  services: CommandServices,
): Promise<GuildUpdates | MessagePayload> {
  if (input.guildId === undefined) return notice('This command only works in a server.');
  if (services.updates === undefined) return notice(UPDATES_UNAVAILABLE);
  return {
    guildId: input.guildId,
    updates: services.updates,
    settings: await services.updates.settings(input.guildId),
  };
}

export function isUpdatesAnswer(value: GuildUpdates | MessagePayload): value is MessagePayload {
  return 'allowedMentions' in value;
}

export function followedText(category: string | undefined): string {
  return category === undefined ? 'The whole list' : `${escapeInline(category)} (and its sub-categories)`;
}

export function roleText(roleId: string | undefined): string {
  return roleId === undefined ? 'Nobody' : `<@&${roleId}>`;
}

export function intervalText(minIntervalMs: number): string {
  return `At most one digest every ${formatDuration(minIntervalMs / 1000)}`;
}
