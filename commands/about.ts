/** `/dsp about [hide]`: which list is served, how big it is, when it was loaded, which dsp. */
import { resolve, win32 } from 'node:path';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { APIEmbedField } from 'discord-api-types/v10';
import { BUNDLED_LIST_PATH, BUNDLED_LIST_UPSTREAM } from '../src/list/paths.js';
import { redactSource } from '../src/list/redact-source.js';
import type { CommandInput, SubcommandModule } from './types.js';
import type { CommandServices } from '../src/contracts/services.js';
import type { MessagePayload } from '../src/contracts/payload.js';
import { escapeInline, safeLink, safeUrl } from './lib/escape.js';
import { tallyKinds } from './lib/kind-counts.js';
import { fitEmbed } from './lib/limits.js';
import { hideOption, isHidden } from './lib/options.js';
import { COLOURS, payload } from './lib/render.js';
import { healthCounts } from './lib/metadata.js';

/** A Discord timestamp shown relative to the reader's clock, e.g. "3 hours ago". */
export function relativeTimestamp(date: Date): string {
  return `<t:${Math.floor(date.getTime() / 1000)}:R>`;
}

/** A link whose text is the URL without the scheme, as Discord distrusts URL-looking link text. */
const linkTo = (url: string): string => safeLink(url.replace(/^https?:\/\//, ''), url);

/**
 * Where the list comes from, as every member may see it: a URL without its credentials, the bundled
 * list's upstream repository, or a file's name only (never the operator's folders).
 */
function sourceText(source: string): string {
  const url = safeUrl(redactSource(source));
  if (url !== undefined) return linkTo(url);
  if (resolve(source) === BUNDLED_LIST_PATH) return `${linkTo(BUNDLED_LIST_UPSTREAM)} (bundled with dsp)`;
  // win32's basename splits on both separators, so a Windows path shows its file name too.
  return escapeInline(win32.basename(source));
}

/** `shard 1 of 4` and the live process count, when the bot runs sharded or shares a store. */
async function runtimeFields(input: CommandInput, services: CommandServices): Promise<APIEmbedField[]> {
  const runtime = services.runtime;
  if (!runtime) return [];
  const fields: APIEmbedField[] = [];
  const shard = runtime.shardOf(input.guildId);
  if (shard) fields.push({ name: 'Shard', value: `shard ${shard.id} of ${shard.count}`, inline: true });
  const live = await runtime.liveProcesses().catch(() => undefined);
  if (live !== undefined) fields.push({ name: 'Processes', value: `${live} live`, inline: true });
  return fields;
}

/** When project metadata was last refreshed, how many entries have it, and the health counts. */
function metadataFields(services: CommandServices, entries: number): APIEmbedField[] {
  const view = services.metadata?.();
  if (!view) return [];
  const refreshed = view.lastRefresh ? relativeTimestamp(view.lastRefresh) : 'not yet';
  return [
    {
      name: 'Project metadata',
      value: `Refreshed ${refreshed}; ${view.withData} of ${entries} projects have it.\n${healthCounts(view) || 'No health data yet.'}`,
    },
  ];
}

async function execute(input: CommandInput, services: CommandServices): Promise<MessagePayload> {
  const { doc, source, loadedAt } = services.catalog();
  const topLevel = doc.categories.filter((category) => category.parent === undefined).length;
  const subcategories = doc.categories.length - topLevel;
  const { projects, resources } = tallyKinds(doc.entries);
  const languages = new Set(
    doc.entries.flatMap((entry) => (entry.language === undefined ? [] : [entry.language])),
  );
  const embed = fitEmbed({
    title: escapeInline(doc.title) || 'dsp',
    description:
      'dsp makes this awesome list searchable: try `/dsp search`, `/dsp random` or `/dsp categories`.',
    color: COLOURS.brand,
    fields: [
      { name: 'Source', value: sourceText(source) },
      { name: 'Projects', value: String(projects), inline: true },
      ...(resources > 0 ? [{ name: 'Resources', value: String(resources), inline: true }] : []),
      {
        name: 'Categories',
        value: subcategories > 0 ? `${topLevel} (+${subcategories} sub-categories)` : String(topLevel),
        inline: true,
      },
      { name: 'Languages', value: String(languages.size), inline: true },
      { name: 'Loaded', value: relativeTimestamp(loadedAt), inline: true },
      ...metadataFields(services, doc.entries.length),
      ...(await runtimeFields(input, services)),
    ],
    footer: { text: `dsp ${services.version}` },
  });
  return payload({ embeds: [embed] }, isHidden(input));
}

export const about: SubcommandModule = {
  definition: {
    type: ApplicationCommandOptionType.Subcommand,
    name: 'about',
    description: 'Which list dsp serves, its size, when it was loaded, and the dsp version',
    options: [hideOption],
  },
  execute,
};
