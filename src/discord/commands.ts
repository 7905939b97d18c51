/** Every top-level command dsp registers, and the modules that answer them. */
import { adminCommand, adminModules, dspExtraModules } from '../../commands/admin/index.js';
import { buildDspCommand, subcommands } from '../../commands/index.js';
import { findProjects } from '../../commands/find-projects.js';
import { inServicesStyle } from '../../commands/lib/layout.js';
import type { CommandDefinition } from './registration.js';
import { buildRegistry, type CommandRegistry } from './routes.js';

// Every answer comes in the configured card style (CARD_STYLE), whatever module gives it.
const dspModules = [...subcommands, ...dspExtraModules].map(inServicesStyle);

const messageCommands = [findProjects].map(inServicesStyle);

export const COMMAND_DEFINITIONS: readonly CommandDefinition[] = [
  buildDspCommand(dspModules),
  adminCommand,
  ...messageCommands.map((module) => module.definition),
];

export function commandRegistry(): CommandRegistry {
  const registry = buildRegistry([
    { command: 'dsp', modules: dspModules },
    ...adminModules.map(({ group, modules }) => ({
      command: 'dsp-admin',
      modules: modules.map(inServicesStyle),
      ...(group ? { group } : {}),
    })),
  ]);
  for (const module of messageCommands) {
    if (registry.byComponentPrefix.has(module.componentPrefix))
      throw new Error(`two modules for component prefix ${module.componentPrefix}`);
  }
  return {
    ...registry,
    messageCommands: new Map(messageCommands.map((module) => [module.definition.name, module])),
  };
}
