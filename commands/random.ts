/** `/dsp random [category] [language] [tag] [hide]`: one project card and an "Another one" button. */
import { ApplicationCommandOptionType, ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { Entry } from '../src/list/types.js';
import { noMatchText } from '../src/search/lookup-messages.js';
import { NO_REPEAT_WINDOW } from '../src/search/recent-picks.js';
import type {
  CommandInput,
  ComponentInput,
  ComponentReply,
  InvocationContext,
  SubcommandModule,
} from './types.js';
import type { Catalog } from '../src/contracts/catalog.js';
import type { CommandServices } from '../src/contracts/services.js';
import type { MessagePayload } from '../src/contracts/payload.js';
import { targetOption, withTarget } from './lib/target.js';
import { decodeCustomId, encodeCustomId } from './lib/custom-id.js';
import { escapeInline } from './lib/escape.js';
import {
  type RawFilters,
  type ResolvedFilters,
  describeFilters,
  filterChoices,
  filtersFromState,
  filtersToState,
  resolveFilters,
} from './lib/filters.js';
import { filterOptions, hideOption, isHidden, picksKey, stringOption } from './lib/options.js';
import { hiddenIds, metadataContext } from './lib/metadata.js';
import { COMPONENT_PREFIX, expiredNotice, notice, updateUnlessNotice } from './lib/render.js';
import { projectCardPayload } from './lib/cards.js';
import { cardStyleOf } from './lib/layout.js';

const PREFIX = COMPONENT_PREFIX.random;

/**
 * A random entry not among the recent picks. When the filters leave too few projects to avoid
 * all of them, the oldest picks are allowed back first, so the newest are still avoided.
 */
function pick(
  catalog: Catalog,
  filters: ResolvedFilters,
  services: CommandServices,
  key: string,
  includeInactive: boolean,
): Entry | undefined {
  const { raw: _raw, ...searchFilters } = filters;
  // Deleted, dead and archived projects are never picked unless asked for.
  const hidden = includeInactive ? new Set<string>() : hiddenIds(metadataContext(services));
  const shown = (entry: Entry | undefined) =>
    entry === undefined || hidden.has(entry.id) ? undefined : entry;
  // RecentPicks lists picks oldest first.
  const recent = services.recentPicks.recent(key).slice(-NO_REPEAT_WINDOW);
  for (let skip = 0; skip < recent.length; skip += 1) {
    const exclude = new Set([...recent.slice(skip), ...hidden]);
    const entry = catalog.index.random(searchFilters, services.rng, exclude);
    if (entry === undefined) return undefined;
    // The index falls back to excluded entries when nothing else matches: allow one more back.
    if (!exclude.has(entry.id)) return entry;
  }
  return shown(catalog.index.random(searchFilters, services.rng, hidden));
}

function anotherOneButton(raw: RawFilters, includeInactive: boolean) {
  return {
    type: ComponentType.Button as const,
    style: ButtonStyle.Primary as const,
    custom_id: encodeCustomId(PREFIX, { ...filtersToState(raw), i: includeInactive ? 1 : undefined }),
    label: 'Another one',
  };
}

function randomCard(
  catalog: Catalog,
  filters: ResolvedFilters,
  services: CommandServices,
  context: InvocationContext,
  ephemeral: boolean,
  includeInactive = false,
): MessagePayload {
  const key = picksKey(context);
  const entry = pick(catalog, filters, services, key, includeInactive);
  if (entry === undefined) return notice(noMatchText(filters.raw, escapeInline));
  services.recentPicks.remember(key, entry.id);
  const scope = describeFilters(filters.raw);
  const metadata = metadataContext(services);
  const options = {
    ...(scope === '' ? {} : { footer: `Random pick · ${scope}` }),
    ...(metadata ? { metadata } : {}),
  };
  const buttons = [anotherOneButton(filters.raw, includeInactive)];
  return projectCardPayload({ entry, options, buttons }, cardStyleOf(services), ephemeral);
}

function answer(input: CommandInput, services: CommandServices): MessagePayload {
  const catalog = services.catalog();
  const filters = resolveFilters(catalog, {
    category: stringOption(input.options, 'category'),
    language: stringOption(input.options, 'language'),
    tag: stringOption(input.options, 'tag'),
  });
  if (!filters.ok) return filters.error;
  return randomCard(
    catalog,
    filters.value,
    services,
    input,
    isHidden(input),
    input.options['include_inactive'] === true,
  );
}

function component(input: ComponentInput, services: CommandServices): ComponentReply {
  const decoded = decodeCustomId(input.customId);
  if (decoded?.prefix !== PREFIX) return { kind: 'reply', payload: expiredNotice() };
  const catalog = services.catalog();
  const filters = resolveFilters(catalog, filtersFromState(decoded.state), decoded.shortened);
  if (!filters.ok) return { kind: 'reply', payload: filters.error };
  const answer = randomCard(catalog, filters.value, services, input, false, decoded.state['i'] === '1');
  return updateUnlessNotice(answer);
}

export const random: SubcommandModule = {
  definition: {
    type: ApplicationCommandOptionType.Subcommand,
    name: 'random',
    description: 'Show a random project from the list, optionally from one category, language or tag',
    options: [
      ...filterOptions,
      {
        type: ApplicationCommandOptionType.Boolean,
        name: 'include_inactive',
        description: 'Also pick archived, deleted and dead projects (skipped by default)',
      },
      targetOption,
      hideOption,
    ],
  },
  execute: (input, services) => withTarget(input, () => answer(input, services)),
  autocomplete(input, services) {
    return filterChoices(services.catalog(), input.focused, input.value) ?? [];
  },
  componentPrefix: PREFIX,
  component,
};
