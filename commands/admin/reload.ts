/** `/dsp-admin reload [force]`: reload the list now (bot owners only). */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { CommandInput, SubcommandModule } from '../types.js';
import type { CommandServices } from '../../src/contracts/services.js';
import type { MessagePayload } from '../../src/contracts/payload.js';
import type { ReloadResult } from '../../src/contracts/catalog.js';
import { escapeInline, escapeMarkdown } from '../lib/escape.js';
import { truncate } from '../../src/text/truncate.js';
import { LIMITS } from '../lib/limits.js';
import { notice } from '../lib/render.js';

const NAMES_SHOWN = 10;

const HEADLINES: Record<ReloadResult['outcome'], string> = {
  updated: '✅ **List reloaded**',
  unchanged: '**List unchanged**',
  refused: '⚠️ **Reload refused**: the current list stays',
  failed: '❌ **Reload failed**: the current list stays',
};

function countsText(view: ReloadResult): string {
  const { before, after } = view;
  const same =
    after === undefined || (after.entries === before.entries && after.categories === before.categories);
  if (same) return `${before.entries} entries in ${before.categories} categories`;
  return `Entries ${before.entries} → ${after.entries}, categories ${before.categories} → ${after.categories}`;
}

function namesLine(label: string, names: readonly string[]): string | undefined {
  if (names.length === 0) return undefined;
  const shown = names.slice(0, NAMES_SHOWN).map(escapeInline).join(', ');
  const more = names.length > NAMES_SHOWN ? ` (+${names.length - NAMES_SHOWN} more)` : '';
  return `${label} (${names.length}): ${shown}${more}`;
}

export function reloadAnswer(
  view: ReloadResult,
  names: { added: readonly string[]; removed: readonly string[] },
): MessagePayload {
  const lines = [
    HEADLINES[view.outcome],
    countsText(view),
    namesLine('Added', names.added),
    namesLine('Removed', names.removed),
    escapeMarkdown(view.message),
    view.outcome === 'refused' ? 'To accept it anyway: `/dsp-admin reload force:true`.' : undefined,
  ].filter((line): line is string => line !== undefined && line !== '');
  return notice(truncate(lines.join('\n'), LIMITS.messageContent));
}

async function execute(input: CommandInput, services: CommandServices): Promise<MessagePayload> {
  if (services.reloadList === undefined) return notice('Reloading the list is not available in this dsp.');
  // Removed entries are only in the list served before, added ones only in the list served after.
  const before = services.catalog().index;
  const view = await services.reloadList(input.options['force'] === true);
  const after = services.catalog().index;
  const nameOf = (id: string) => after.get(id)?.name ?? before.get(id)?.name ?? id;
  return reloadAnswer(view, { added: view.added.map(nameOf), removed: view.removed.map(nameOf) });
}

export const reload: SubcommandModule = {
  definition: {
    type: ApplicationCommandOptionType.Subcommand,
    name: 'reload',
    description: 'Reload the list from its source now (bot owners only)',
    options: [
      {
        type: ApplicationCommandOptionType.Boolean,
        name: 'force',
        description: 'Accept a new list even if it removes more than half of the projects',
      },
    ],
  },
  access: 'owner',
  guildOnly: true,
  execute,
};
