import { Routes } from 'discord.js';
import type { REST } from 'discord.js';
import type {
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord-api-types/v10';

export type CommandDefinition =
  RESTPostAPIChatInputApplicationCommandsJSONBody | RESTPostAPIContextMenuApplicationCommandsJSONBody;

type Loose = Record<string, unknown>;

function sortedNumbers(value: unknown): number[] | null {
  return Array.isArray(value) ? [...(value as number[])].sort((a, b) => a - b) : null;
}

function normalizeOption(option: Loose): Loose {
  return {
    type: option.type,
    name: option.name,
    description: option.description ?? '',
    required: option.required === true,
    autocomplete: option.autocomplete === true,
    choices: Array.isArray(option.choices) ? option.choices : [],
    channel_types: sortedNumbers(option.channel_types) ?? [],
    min_value: option.min_value ?? null,
    max_value: option.max_value ?? null,
    min_length: option.min_length ?? null,
    max_length: option.max_length ?? null,
    options: Array.isArray(option.options) ? (option.options as Loose[]).map(normalizeOption) : [],
  };
}

/** Reduces a command to the fields we set, with Discord's defaults filled in, so ours and theirs compare equal. */
export function normalizeCommand(command: Loose): Loose {
  return {
    type: command.type ?? 1,
    name: command.name,
    description: command.description ?? '',
    default_member_permissions: command.default_member_permissions ?? null,
    contexts: sortedNumbers(command.contexts),
    integration_types: sortedNumbers(command.integration_types),
    nsfw: command.nsfw === true,
    options: Array.isArray(command.options) ? (command.options as Loose[]).map(normalizeOption) : [],
  };
}

export function sameCommands(ours: readonly Loose[], theirs: readonly Loose[]): boolean {
  const key = (list: readonly Loose[]) =>
    JSON.stringify(list.map(normalizeCommand).sort((a, b) => String(a.name).localeCompare(String(b.name))));
  return key(ours) === key(theirs);
}

export interface SyncTarget {
  applicationId: string;
  /** Register to one server only (updates instantly); otherwise globally. */
  guildId?: string;
}

function route({ applicationId, guildId }: SyncTarget) {
  return guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
}

/** Bulk-overwrites the commands only when they differ from what Discord already has. */
export async function syncCommands(
  rest: REST,
  target: SyncTarget,
  definitions: readonly CommandDefinition[],
): Promise<'unchanged' | 'updated'> {
  const existing = (await rest.get(route(target))) as Loose[];
  if (sameCommands(definitions as unknown as Loose[], existing)) return 'unchanged';
  await rest.put(route(target), { body: definitions });
  return 'updated';
}

export async function clearCommands(rest: REST, target: SyncTarget): Promise<void> {
  await rest.put(route(target), { body: [] });
}
