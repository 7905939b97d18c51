/** `/dsp categories [hide]`: every category with its counts, resource sections apart, and menus that open one. */
import type {
  APIActionRowComponent,
  APIComponentInMessageActionRow,
  APIStringSelectComponent,
} from 'discord-api-types/v10';
import { ApplicationCommandOptionType, ComponentType } from 'discord-api-types/v10';
import type { CategorySummary } from '../src/search/types.js';
import type { CommandInput, ComponentInput, ComponentReply, SubcommandModule } from './types.js';
import type { CommandServices } from '../src/contracts/services.js';
import type { MessagePayload } from '../src/contracts/payload.js';
import { lookupCategoryTarget, renderCategoryPage } from './category.js';
import { metadataContext } from './lib/metadata.js';
import { decodeCustomId, encodeCustomId } from './lib/custom-id.js';
import { escapeInline } from './lib/escape.js';
import { resolveCategory } from '../src/search/category-lookup.js';
import { truncate } from '../src/text/truncate.js';
import { LIMITS, fitEmbed, fitSelectOptions, joinLinesWithin } from './lib/limits.js';
import { kindCountText } from './lib/kind-counts.js';
import { hideOption, isHidden } from './lib/options.js';
import { COLOURS, COMPONENT_PREFIX, expiredNotice, notice, payload } from './lib/render.js';

const PREFIX = COMPONENT_PREFIX.categories;
/** Sub-categories are indented with an em space: Discord trims ordinary leading spaces. */
const INDENT = '\u2003↳ ';

/** One line per category and per sub-category, so a long list is cut between lines. */
function categoryLines(categories: readonly CategorySummary[]): string[] {
  return categories.flatMap((category) => [
    `**${escapeInline(category.name)}** — ${kindCountText(category)}`,
    ...category.subcategories.map((sub) => `${INDENT}${escapeInline(sub.name)} — ${kindCountText(sub)}`),
  ]);
}

/**
 * Project categories first; then, apart under their own heading, the sections of mostly
 * resources (books, talks, courses, other lists), still opened with the menus or `/dsp category`.
 */
function overviewLines(projectCategories: CategorySummary[], resourceSections: CategorySummary[]): string[] {
  if (resourceSections.length === 0) return categoryLines(projectCategories);
  return [
    ...categoryLines(projectCategories),
    '',
    '__Resources__: reading, talks, courses and other lists',
    ...categoryLines(resourceSections),
  ];
}

/**
 * Menus of at most 25 categories each, up to the five action rows a message may hold. Beyond
 * 125 categories the rest are reachable with `/dsp category` (the embed says so).
 */
function categoryMenus(
  categories: readonly CategorySummary[],
): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  const rows: APIActionRowComponent<APIComponentInMessageActionRow>[] = [];
  for (
    let start = 0;
    start < categories.length && rows.length < LIMITS.actionRows;
    start += LIMITS.selectOptions
  ) {
    const chunk = categories.slice(start, start + LIMITS.selectOptions);
    const menu: APIStringSelectComponent = {
      type: ComponentType.StringSelect,
      custom_id: encodeCustomId(PREFIX, { r: rows.length }),
      placeholder:
        categories.length > LIMITS.selectOptions
          ? truncate(
              `Open a category (${chunk[0]?.name ?? ''} … ${chunk.at(-1)?.name ?? ''})`,
              LIMITS.selectPlaceholder,
            )
          : 'Open a category',
      options: fitSelectOptions(
        chunk.map((category) => ({
          label: category.name,
          value: truncate(category.name, LIMITS.selectOptionValue),
          description: `${kindCountText(category)}${
            category.subcategories.length > 0 ? ` in ${category.subcategories.length} sub-categories` : ''
          }`,
        })),
      ),
    };
    rows.push({ type: ComponentType.ActionRow, components: [menu] });
  }
  return rows;
}

function execute(input: CommandInput, services: CommandServices): MessagePayload {
  const { doc, index } = services.catalog();
  const all = index.categories();
  if (all.length === 0) return notice('The list has no categories.');
  const projectCategories = all.filter((category) => category.kind === 'project');
  const resourceSections = all.filter((category) => category.kind === 'resource');
  const categories = [...projectCategories, ...resourceSections];
  const totals = {
    projects: all.reduce((sum, category) => sum + category.projects, 0),
    resources: all.reduce((sum, category) => sum + category.resources, 0),
  };
  const menuCapacity = LIMITS.actionRows * LIMITS.selectOptions;
  const overflow =
    categories.length > menuCapacity
      ? `\n\nThe menus show the first ${menuCapacity}; use \`/dsp category\` for the others.`
      : '';
  const embed = fitEmbed({
    title: `Categories of ${escapeInline(doc.title)}`,
    description:
      joinLinesWithin(
        overviewLines(projectCategories, resourceSections),
        LIMITS.embedDescription - overflow.length,
      ) + overflow,
    color: COLOURS.brand,
    footer: { text: `${categories.length} categories · ${kindCountText(totals)}` },
  });
  return payload({ embeds: [embed], components: categoryMenus(categories) }, isHidden(input));
}

/** A selection opens the category's first page as a new message only the selecting user sees. */
function component(input: ComponentInput, services: CommandServices): ComponentReply {
  const decoded = decodeCustomId(input.customId);
  const selected = input.values[0];
  if (decoded?.prefix !== PREFIX || selected === undefined)
    return { kind: 'reply', payload: expiredNotice() };
  const catalog = services.catalog();
  // Values longer than 100 characters were cut, so an exact miss falls back to a prefix match.
  const exact = lookupCategoryTarget(catalog, selected);
  const target = exact.ok ? exact.value : resolveCategory(catalog.doc, selected.replace(/…$/, ''), true);
  if (target === undefined) return { kind: 'reply', payload: exact.ok ? expiredNotice() : exact.error };
  return { kind: 'reply', payload: renderCategoryPage(catalog, target, 1, true, metadataContext(services)) };
}

export const categories: SubcommandModule = {
  definition: {
    type: ApplicationCommandOptionType.Subcommand,
    name: 'categories',
    description: 'List every category with its numbers of projects and resources',
    options: [hideOption],
  },
  execute,
  componentPrefix: PREFIX,
  component,
};
