/**
 * Strict mode: Discord only sends invocations of registered commands, with declared options of
 * the declared types, required options present, and values within choices and bounds.
 * A test that invokes something the bot never registered fails here, loudly.
 */
import { ApplicationCommandOptionType as T } from 'discord-api-types/v10';
import type { JsonObject, SlashSpec } from './types.js';
import type { CommandRecord } from './world.js';

type Defs = readonly JsonObject[];

function fail(spec: SlashSpec, problem: string): never {
  const path = ['/' + spec.name, spec.group, spec.subcommand].filter(Boolean).join(' ');
  throw new Error(`standin (strict commands): ${path}: ${problem}`);
}

function child(spec: SlashSpec, defs: Defs, name: string, type: T, kind: string): Defs {
  const def = defs.find((d) => d.name === name && d.type === type);
  if (!def) fail(spec, `no ${kind} "${name}" is registered`);
  return (def.options as Defs | undefined) ?? [];
}

/** The option definitions of the invoked leaf (the subcommand, or the command itself). */
function leafDefinitions(spec: SlashSpec, top: Defs): Defs {
  const isSub = (d: JsonObject) => d.type === T.Subcommand || d.type === T.SubcommandGroup;
  if (spec.group) {
    const inGroup = child(spec, top, spec.group, T.SubcommandGroup, 'subcommand group');
    if (!spec.subcommand) fail(spec, 'a subcommand is required');
    return child(spec, inGroup, spec.subcommand, T.Subcommand, 'subcommand');
  }
  if (spec.subcommand) return child(spec, top, spec.subcommand, T.Subcommand, 'subcommand');
  if (top.some(isSub)) fail(spec, 'a subcommand is required');
  return top;
}

function valueMatchesType(type: unknown, value: string | number | boolean): boolean {
  switch (type) {
    case T.String:
    case T.User:
    case T.Channel:
    case T.Role:
    case T.Mentionable:
    case T.Attachment:
      return typeof value === 'string';
    case T.Integer:
      return typeof value === 'number' && Number.isInteger(value);
    case T.Number:
      return typeof value === 'number';
    case T.Boolean:
      return typeof value === 'boolean';
    default:
      return false;
  }
}

function checkBounds(spec: SlashSpec, def: JsonObject, value: string | number | boolean): void {
  const name = String(def.name);
  const choices = def.choices as JsonObject[] | undefined;
  if (choices?.length && !choices.some((c) => c.value === value))
    fail(spec, `"${value}" is not a choice of ${name}`);
  if (typeof value === 'string') {
    if (typeof def.min_length === 'number' && value.length < def.min_length)
      fail(spec, `${name} is shorter than ${def.min_length}`);
    if (typeof def.max_length === 'number' && value.length > def.max_length)
      fail(spec, `${name} is longer than ${def.max_length}`);
  }
  if (typeof value === 'number') {
    if (typeof def.min_value === 'number' && value < def.min_value)
      fail(spec, `${name} is below ${def.min_value}`);
    if (typeof def.max_value === 'number' && value > def.max_value)
      fail(spec, `${name} is above ${def.max_value}`);
  }
}

/** Throws unless Discord could have sent this invocation of the registered command. */
export function checkInvocation(command: CommandRecord | undefined, spec: SlashSpec, focused?: string): void {
  if (!command) fail(spec, 'the command is not registered (globally or in this guild)');
  const leaf = leafDefinitions(spec, (command.options as Defs | undefined) ?? []);
  const given = spec.options ?? {};
  for (const [name, value] of Object.entries(given)) {
    const def = leaf.find((d) => d.name === name);
    if (!def) fail(spec, `no option "${name}" is registered`);
    if (name === focused) {
      if (def.autocomplete !== true) fail(spec, `option "${name}" does not have autocomplete enabled`);
      continue;
    }
    if (!valueMatchesType(def.type, value))
      fail(spec, `option "${name}" has the wrong type for ${JSON.stringify(value)}`);
    checkBounds(spec, def, value);
  }
  if (focused !== undefined) return;
  for (const def of leaf) {
    if (def.required === true && !(String(def.name) in given))
      fail(spec, `required option "${String(def.name)}" is missing`);
  }
}
