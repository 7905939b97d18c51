/**
 * `/dsp project name:<project> [hide]`: a project's detail card with similar projects.
 * Also answers the "More like this" button of every project card (custom id `project:1|s=<id>`).
 */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { Entry } from '../src/list/types.js';
import type { CommandInput, ComponentInput, ComponentReply, SubcommandModule } from './types.js';
import type { Catalog } from '../src/contracts/catalog.js';
import type { CommandServices } from '../src/contracts/services.js';
import type { MessagePayload } from '../src/contracts/payload.js';
import { targetOption, withTarget } from './lib/target.js';
import { decodeCustomId } from './lib/custom-id.js';
import { resolution } from './lib/filters.js';
import { lookupProject } from '../src/search/filter-lookup.js';
import { escapeInline } from './lib/escape.js';
import { LIMITS, fitEmbed, joinLinesWithin } from './lib/limits.js';
import {
  autocompleteOption,
  hideOption,
  isHidden,
  stringOption,
  suggestionsToChoices,
} from './lib/options.js';
import {
  COLOURS,
  COMPONENT_PREFIX,
  SIMILAR_LIMIT,
  expiredNotice,
  hitLine,
  notice,
  payload,
} from './lib/render.js';
import { metadataContext, similarShown, withMetadata } from './lib/metadata.js';
import { detailsButton, projectCardPayload } from './lib/cards.js';
import { cardStyleOf, container, heading, layoutPayload, section, textDisplay } from './lib/layout.js';

const PREFIX = COMPONENT_PREFIX.project;
/** "More like this" shows a few more than the card's own similar list. */
const MORE_LIKE_THIS_LIMIT = 5;

function answer(input: CommandInput, services: CommandServices): MessagePayload {
  const catalog = services.catalog();
  const name = stringOption(input.options, 'name');
  if (name === undefined) return notice('Name a project, e.g. `/dsp project name:etcd`.');
  // Autocomplete sends an entry id; a typed name is resolved as `dsp show` resolves it.
  const found = resolution(lookupProject(catalog.index, name));
  if (!found.ok) return found.error;
  const entry = found.value;
  return projectCard(catalog, entry, services, isHidden(input));
}

/** The project's card with its similar projects: `/dsp project`, and a Details click (ephemeral). */
function projectCard(
  catalog: Catalog,
  entry: Entry,
  services: CommandServices,
  ephemeral: boolean,
): MessagePayload {
  const metadata = metadataContext(services);
  const options = {
    similar: similarShown(catalog.index, entry.id, SIMILAR_LIMIT, metadata),
    ...(metadata ? { metadata } : {}),
  };
  return projectCardPayload({ entry, options }, cardStyleOf(services), ephemeral);
}

/**
 * An id cut to fit the custom id names the one entry whose id starts with it. A prefix that fits
 * several (down to the empty one of a forged `s~=`) names none.
 */
function entryFromState(catalog: Catalog, id: string, shortened: boolean): Entry | undefined {
  if (!shortened) return catalog.index.get(id);
  const matches = catalog.doc.entries.filter((entry) => entry.id.startsWith(id));
  return matches.length === 1 ? matches[0] : undefined;
}

function moreLikeThis(catalog: Catalog, entry: Entry, services: CommandServices): MessagePayload {
  const metadata = metadataContext(services);
  const similar = similarShown(catalog.index, entry.id, MORE_LIKE_THIS_LIMIT, metadata);
  if (similar.length === 0) return notice(`No projects like ${escapeInline(entry.name)} in the list.`);
  const title = `More like ${escapeInline(entry.name)}`;
  if (cardStyleOf(services) === 'components') {
    // One section per similar project, its Details button beside it, as on search pages.
    const sections = similar.map((item, position) =>
      section([withMetadata(hitLine(item), item, metadata)], detailsButton(item.id, position)),
    );
    return layoutPayload([container([textDisplay(heading(title)), ...sections], COLOURS.brand)], true);
  }
  const embed = fitEmbed({
    title,
    description: joinLinesWithin(
      similar.map((item) => withMetadata(hitLine(item), item, metadata)),
      LIMITS.embedDescription,
      '\n\n',
    ),
    color: COLOURS.brand,
  });
  return payload({ embeds: [embed] }, true);
}

/** `s=<id>`: "More like this"; `d=<id>`: the Details button beside a search or category result. */
function component(input: ComponentInput, services: CommandServices): ComponentReply {
  const decoded = decodeCustomId(input.customId);
  const key = decoded?.state['d'] === undefined ? 's' : 'd';
  const id = decoded?.state[key];
  if (decoded?.prefix !== PREFIX || id === undefined || id === '') {
    return { kind: 'reply', payload: expiredNotice() };
  }
  const catalog = services.catalog();
  const entry = entryFromState(catalog, id, decoded.shortened.has(key));
  if (entry === undefined)
    return { kind: 'reply', payload: notice('That project is no longer in the list.') };
  const answer =
    key === 'd' ? projectCard(catalog, entry, services, true) : moreLikeThis(catalog, entry, services);
  return { kind: 'reply', payload: answer };
}

export const project: SubcommandModule = {
  definition: {
    type: ApplicationCommandOptionType.Subcommand,
    name: 'project',
    description: 'Show everything the list says about one project, and similar ones',
    options: [autocompleteOption('name', 'The project, e.g. etcd', true), targetOption, hideOption],
  },
  execute: (input, services) => withTarget(input, () => answer(input, services)),
  autocomplete(input, services) {
    if (input.focused !== 'name') return [];
    return suggestionsToChoices(services.catalog().index.suggestProject(input.value.trim()));
  },
  componentPrefix: PREFIX,
  component,
};
