/** Every top-level command dsp registers, and the modules that answer them. */
import { adminCommand, adminModules, dspExtraModules } from '../../commands/admin/index.js';
import { buildDspCommand, subcommands } from '../../commands/index.js';
import type { CommandDefinition } from './registration.js';
import { buildRegistry, type CommandRegistry } from './routes.js';

const dspModules = [...subcommands, ...dspExtraModules];

export const COMMAND_DEFINITIONS: readonly CommandDefinition[] = [buildDspCommand(dspModules), adminCommand];

export function commandRegistry(): CommandRegistry {
  return buildRegistry([
    { command: 'dsp', modules: dspModules },
    ...adminModules.map(({ group, modules }) => ({
      command: 'dsp-admin',
      modules,
      ...(group ? { group } : {}),
    })),
  ]);
}
