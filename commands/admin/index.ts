/**
 * `/dsp-admin`: server settings for the featured post and the updates channel (Manage Server) and the
 * owners' list reload.
 * The glue routes `dsp-admin featured set` by (command, group, module name).
 */
import type {
  APIApplicationCommandSubcommandGroupOption,
  APIApplicationCommandSubcommandOption,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import type { SubcommandModule } from '../types.js';
import { featured } from '../featured.js';
import { featuredHistory } from './featured-history.js';
import { featuredPreview } from './featured-preview.js';
import { featuredSet } from './featured-set.js';
import { featuredStatus } from './featured-status.js';
import { featuredOff, featuredResume } from './featured-toggle.js';
import { reload } from './reload.js';
import { updatesPreview } from './updates-preview.js';
import { updatesSet } from './updates-set.js';
import { updatesOff, updatesStatus } from './updates-status.js';
import { health } from './health.js';

export interface AdminModuleGroup {
  /** The subcommand group, e.g. `featured`; absent for plain subcommands. */
  group?: string;
  modules: SubcommandModule[];
}

export const adminModules: AdminModuleGroup[] = [
  {
    group: 'featured',
    modules: [featuredSet, featuredStatus, featuredOff, featuredResume, featuredPreview, featuredHistory],
  },
  { group: 'updates', modules: [updatesSet, updatesStatus, updatesPreview, updatesOff] },
  { modules: [reload, health] },
];

/** Subcommands that join `/dsp` itself. */
export const dspExtraModules: SubcommandModule[] = [featured];

const GROUP_DESCRIPTIONS: Record<string, string> = {
  featured: 'The featured project dsp posts in this server on a schedule',
  updates: 'A digest of the projects added to and removed from the list, posted in a channel',
};

function topLevelOptions({
  group,
  modules,
}: AdminModuleGroup): (APIApplicationCommandSubcommandOption | APIApplicationCommandSubcommandGroupOption)[] {
  const definitions = modules.map((module) => module.definition);
  if (group === undefined) return definitions;
  const description = GROUP_DESCRIPTIONS[group] ?? group;
  return [
    { type: ApplicationCommandOptionType.SubcommandGroup, name: group, description, options: definitions },
  ];
}

export const adminCommand: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  type: ApplicationCommandType.ChatInput,
  name: 'dsp-admin',
  description: 'Set up dsp in this server',
  // Hidden from members without Manage Server; the glue checks again (and `owner` for reload).
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  options: adminModules.flatMap(topLevelOptions),
};

export { featured } from '../featured.js';
