/** `/dsp category name:<category> [hide]`: a category's projects and resources, five a page. */
import { type MetadataContext, metadataContext } from './lib/metadata.js';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import {
  type CategoryTarget,
  categoryEntries,
  categoryLabel,
  resolveCategory,
} from '../src/search/category-lookup.js';
import type { CommandInput, ComponentInput, ComponentReply, SubcommandModule } from './types.js';
import type { Catalog } from '../src/contracts/catalog.js';
import type { CommandServices } from '../src/contracts/services.js';
import type { MessagePayload } from '../src/contracts/payload.js';
import { decodeCustomId, stateInteger } from './lib/custom-id.js';
import { escapeInline } from './lib/escape.js';
import { kindCountText, tallyKinds } from './lib/kind-counts.js';
import { type Resolution, resolution } from './lib/filters.js';
import { lookupCategory } from '../src/search/filter-lookup.js';
import {
  autocompleteOption,
  hideOption,
  isHidden,
  stringOption,
  suggestionsToChoices,
} from './lib/options.js';
import { COMPONENT_PREFIX, PAGE_SIZE, clampPage, expiredNotice, notice, pageCountFor } from './lib/render.js';
import { listPayload } from './lib/cards.js';
import { cardStyleOf } from './lib/layout.js';
import type { CardStyle } from '../src/contracts/payload.js';

const PREFIX = COMPONENT_PREFIX.category;

/** One page of a category; a page past the end (after a list reload) clamps to the last page. */
export function renderCategoryPage(
  catalog: Catalog,
  target: CategoryTarget,
  requestedPage: number,
  ephemeral: boolean,
  metadata?: MetadataContext,
  style: CardStyle = 'embed',
): MessagePayload {
  const entries = categoryEntries(catalog.doc, target);
  const label = categoryLabel(target);
  if (entries.length === 0) return notice(`The category “${escapeInline(label)}” has no projects.`);
  const pageCount = pageCountFor(entries.length);
  const page = clampPage(requestedPage, pageCount);
  const list = {
    title: escapeInline(label),
    entries: entries.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    page,
    pageCount,
    total: entries.length,
    ...(metadata ? { metadata } : {}),
    counts: kindCountText(tallyKinds(entries)),
  };
  const state = { c: target.category, s: target.subcategory };
  return listPayload({ list, pagination: { prefix: PREFIX, state } }, style, ephemeral);
}

/** The category named, or the shared "not in the list" notice (the CLI says the same). */
export function lookupCategoryTarget(catalog: Catalog, name: string): Resolution<CategoryTarget> {
  return resolution(lookupCategory(catalog.index, name));
}

function execute(input: CommandInput, services: CommandServices): MessagePayload {
  const catalog = services.catalog();
  const name = stringOption(input.options, 'name');
  if (name === undefined) return notice('Name a category, e.g. `/dsp category name:Databases`.');
  const target = lookupCategoryTarget(catalog, name);
  if (!target.ok) return target.error;
  const style = cardStyleOf(services);
  return renderCategoryPage(catalog, target.value, 1, isHidden(input), metadataContext(services), style);
}

/** Reads `c`/`s` from a custom id; a cut name resolves by prefix. */
function targetFromState(catalog: Catalog, state: Record<string, string>, shortened: ReadonlySet<string>) {
  const category = state['c'];
  if (category === undefined) return undefined;
  const parent = resolveCategory(catalog.doc, category, shortened.has('c'));
  const sub = state['s'];
  if (parent === undefined || sub === undefined) return parent;
  const child = catalog.doc.categories.find(
    (candidate) =>
      candidate.parent === parent.category &&
      (shortened.has('s') ? candidate.name.startsWith(sub) : candidate.name === sub),
  );
  return child === undefined ? undefined : { category: parent.category, subcategory: child.name };
}

function component(input: ComponentInput, services: CommandServices): ComponentReply {
  const decoded = decodeCustomId(input.customId);
  const page = decoded === undefined ? undefined : stateInteger(decoded.state, 'p');
  if (decoded?.prefix !== PREFIX || page === undefined) return { kind: 'reply', payload: expiredNotice() };
  const catalog = services.catalog();
  const target = targetFromState(catalog, decoded.state, decoded.shortened);
  if (target === undefined) {
    return {
      kind: 'reply',
      payload: notice('That category is no longer in the list. `/dsp categories` shows them all.'),
    };
  }
  return {
    kind: 'update',
    payload: renderCategoryPage(
      catalog,
      target,
      page,
      false,
      metadataContext(services),
      cardStyleOf(services),
    ),
  };
}

export const category: SubcommandModule = {
  definition: {
    type: ApplicationCommandOptionType.Subcommand,
    name: 'category',
    description: 'List the projects of one category',
    options: [autocompleteOption('name', 'The category, e.g. Databases', true), hideOption],
  },
  execute,
  autocomplete(input, services) {
    if (input.focused !== 'name') return [];
    return suggestionsToChoices(services.catalog().index.suggestCategory(input.value.trim()));
  },
  componentPrefix: PREFIX,
  component,
};
