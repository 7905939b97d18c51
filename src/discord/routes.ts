import type { CommandInteractionOption } from 'discord.js';
import { ApplicationCommandOptionType } from 'discord.js';
import type { MessageCommandModule, OptionValue, SubcommandModule } from '../../commands/types.js';

/** Where one invocation goes: `dsp search`, `dsp-admin featured set`. */
export interface Invocation {
  route: string;
  options: Record<string, OptionValue | undefined>;
  focused?: { name: string; value: string };
}

/** Flattens subcommand groups and subcommands into a route and plain option values. */
export function readInvocation(commandName: string, data: readonly CommandInteractionOption[]): Invocation {
  const path = [commandName];
  const options: Record<string, OptionValue | undefined> = {};
  let focused: Invocation['focused'];
  let level: readonly CommandInteractionOption[] = data;
  for (;;) {
    const nested = level.find(
      (option) =>
        option.type === ApplicationCommandOptionType.Subcommand ||
        option.type === ApplicationCommandOptionType.SubcommandGroup,
    );
    if (!nested) break;
    path.push(nested.name);
    level = nested.options ?? [];
  }
  for (const option of level) {
    if (option.value === undefined || option.value === null) continue;
    options[option.name] = option.value;
    if (option.focused) focused = { name: option.name, value: String(option.value) };
  }
  return { route: path.join(' '), options, ...(focused ? { focused } : {}) };
}

export interface CommandRegistry {
  byRoute: ReadonlyMap<string, SubcommandModule>;
  byComponentPrefix: ReadonlyMap<string, SubcommandModule>;
  /** Message context-menu commands by name ("Find projects"); they answer their own buttons too. */
  messageCommands?: ReadonlyMap<string, MessageCommandModule>;
}

/** What metrics count an interaction under when it is no registered route or component prefix. */
export const UNKNOWN_LABEL = 'unknown';

/** How logs and metrics name a component interaction: `component search`. */
export function componentLabel(prefix: string): string {
  return `component ${prefix}`;
}

/**
 * Every label metrics may use, fixed when the registry is built. Command names and custom ids are
 * user input: a label taken from them as sent would let anyone add metric series without end.
 */
export function metricLabels(registry: CommandRegistry): ReadonlySet<string> {
  return new Set([
    ...registry.byRoute.keys(),
    ...[...registry.byComponentPrefix.keys()].map(componentLabel),
    UNKNOWN_LABEL,
  ]);
}

/** Component custom ids start with the owning module's prefix, then `|` or `:`. */
export function componentPrefixOf(customId: string): string {
  const end = customId.search(/[|:]/);
  return end === -1 ? customId : customId.slice(0, end);
}

/**
 * The module that answers a component by its custom id's prefix; undefined when none does. The
 * module itself answers ids of another version (or otherwise unreadable) as expired.
 */
export function componentModule(registry: CommandRegistry, customId: string): SubcommandModule | undefined {
  return registry.byComponentPrefix.get(componentPrefixOf(customId));
}

export function buildRegistry(
  groups: readonly { command: string; modules: readonly SubcommandModule[]; group?: string }[],
): CommandRegistry {
  const byRoute = new Map<string, SubcommandModule>();
  const byComponentPrefix = new Map<string, SubcommandModule>();
  for (const { command, group, modules } of groups) {
    for (const module of modules) {
      const route = [command, group, module.definition.name].filter(Boolean).join(' ');
      if (byRoute.has(route)) throw new Error(`two modules for ${route}`);
      byRoute.set(route, module);
      if (module.componentPrefix) {
        if (byComponentPrefix.has(module.componentPrefix)) {
          throw new Error(`two modules for component prefix ${module.componentPrefix}`);
        }
        byComponentPrefix.set(module.componentPrefix, module);
      }
    }
  }
  return { byRoute, byComponentPrefix };
}
