/** `/dsp search query:<text> [category] [language] [tag] [hide]`: ranked, paginated results. */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { CommandInput, ComponentInput, ComponentReply, SubcommandModule } from './types.js';
import type { Catalog } from '../src/contracts/catalog.js';
import type { CommandServices } from '../src/contracts/services.js';
import type { MessagePayload } from '../src/contracts/payload.js';
import { targetOption, withTarget } from './lib/target.js';
import { decodeCustomId, stateInteger } from './lib/custom-id.js';
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
import {
  autocompleteOption,
  filterOptions,
  hideOption,
  isHidden,
  stringOption,
  suggestionsToChoices,
} from './lib/options.js';
import {
  COMPONENT_PREFIX,
  PAGE_SIZE,
  clampPage,
  expiredNotice,
  nameList,
  notice,
  pageCountFor,
  updateUnlessNotice,
} from './lib/render.js';
import { listPayload } from './lib/cards.js';
import { cardStyleOf } from './lib/layout.js';
import type { CardStyle } from '../src/contracts/payload.js';
import {
  type MetadataContext,
  type Sort,
  SORTS,
  inactiveIds,
  metadataContext,
  sortItems,
} from './lib/metadata.js';

const PREFIX = COMPONENT_PREFIX.search;
const DID_YOU_MEAN = 3;

export interface SearchRequest {
  query: string;
  filters: ResolvedFilters;
  page: number;
  /** The query was cut to fit a custom id: results are for its beginning. */
  queryShortened: boolean;
  /** Relevance (default), stars or last push; the latter two need metadata. */
  sort?: Sort;
  /** Only projects that are not deleted, dead, archived, moved or inactive. */
  activeOnly?: boolean;
}

/** Custom-id state letters for sort and active (`o=s|a`, `a=1`). */
const SORT_CODES: Record<Sort, string | undefined> = { relevance: undefined, stars: 's', activity: 'a' };

function sortFromState(code: string | undefined): Sort {
  return code === 's' ? 'stars' : code === 'a' ? 'activity' : 'relevance';
}

function noHits(catalog: Catalog, request: SearchRequest): MessagePayload {
  const scope = describeFilters(request.filters.raw);
  const names = catalog.index.didYouMean(request.query, DID_YOU_MEAN).map((entry) => entry.name);
  const hint = names.length > 0 ? ` Did you mean: ${nameList(names)}?` : '';
  return notice(
    `No projects match “${escapeInline(request.query)}”${scope === '' ? '' : ` (${scope})`}.${hint}`,
  );
}

function runSearch(catalog: Catalog, request: SearchRequest, page: number, metadata?: MetadataContext) {
  const { raw: _raw, ...filters } = request.filters;
  const sort = request.sort ?? 'relevance';
  if ((sort === 'relevance' || !metadata) && !request.activeOnly) {
    return catalog.index.search(request.query, {
      ...filters,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
  }
  // Sorting by metadata, or leaving inactive projects out, ranks every match first.
  const all = catalog.index.search(request.query, { ...filters, limit: catalog.doc.entries.length });
  const inactive = request.activeOnly ? inactiveIds(metadata) : new Set<string>();
  const kept = all.hits.filter((hit) => !inactive.has(hit.entry.id));
  const sorted = sortItems(kept, sort, (hit) => hit.entry.id, metadata);
  return { ...all, total: sorted.length, hits: sorted.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE) };
}

/** One page of results; a page past the end (the list shrank since the button was made) clamps. */
export function renderSearchPage(
  catalog: Catalog,
  request: SearchRequest,
  ephemeral: boolean,
  metadata?: MetadataContext,
  style: CardStyle = 'embed',
): MessagePayload {
  let page = Math.max(1, request.page);
  let result = runSearch(catalog, request, page, metadata);
  const pageCount = pageCountFor(result.total);
  if (result.total > 0 && page > pageCount) {
    page = clampPage(page, pageCount);
    result = runSearch(catalog, request, page, metadata);
  }
  if (result.total === 0) return noHits(catalog, request);
  const scope = describeFilters(request.filters.raw);
  const sort = request.sort ?? 'relevance';
  const notes = [
    scope === '' ? undefined : `Filters: ${scope}`,
    sort === 'relevance'
      ? undefined
      : metadata
        ? `Sorted by ${sort === 'stars' ? 'stars' : 'last push'}`
        : undefined,
    sort !== 'relevance' && !metadata
      ? '*Stars and activity are not known yet: sorted by relevance.*'
      : undefined,
    request.activeOnly ? 'Active projects only' : undefined,
    request.queryShortened ? '*The query was shortened to fit a button.*' : undefined,
  ].filter((note) => note !== undefined);
  const list = {
    title: `Search: ${escapeInline(request.query)}`,
    ...(notes.length > 0 ? { intro: notes.join('\n') } : {}),
    entries: result.hits.map((hit) => hit.entry),
    page,
    pageCount,
    total: result.total,
    ...(metadata ? { metadata } : {}),
  };
  // `x` keeps "this query was shortened" on later pages, where the cut query fits whole.
  const state = {
    q: request.query,
    ...filtersToState(request.filters.raw),
    x: request.queryShortened ? 1 : undefined,
    o: SORT_CODES[sort],
    a: request.activeOnly ? 1 : undefined,
  };
  return listPayload({ list, pagination: { prefix: PREFIX, state } }, style, ephemeral);
}

/** A project id picked from autocomplete searches for that project's name. */
function queryText(catalog: Catalog, query: string): string {
  return catalog.index.get(query)?.name ?? query;
}

function answer(input: CommandInput, services: CommandServices): MessagePayload {
  const catalog = services.catalog();
  const query = stringOption(input.options, 'query');
  if (query === undefined) return notice('Type what to search for, e.g. `/dsp search query:raft`.');
  const raw: RawFilters = {
    category: stringOption(input.options, 'category'),
    language: stringOption(input.options, 'language'),
    tag: stringOption(input.options, 'tag'),
  };
  const filters = resolveFilters(catalog, raw);
  if (!filters.ok) return filters.error;
  const sortText = stringOption(input.options, 'sort');
  const request = {
    query: queryText(catalog, query),
    filters: filters.value,
    page: 1,
    queryShortened: false,
    sort: SORTS.find((name) => name === sortText) ?? 'relevance',
    activeOnly: input.options['active'] === true,
  };
  const style = cardStyleOf(services);
  return renderSearchPage(catalog, request, isHidden(input), metadataContext(services), style);
}

/** A query cut to fit a custom id loses its last, probably cut, word (unless it is the only one). */
function withoutPartialWord(query: string): string {
  const cut = query.replace(/\s+\S*$/, '');
  return cut.trim() === '' ? query : cut;
}

function component(input: ComponentInput, services: CommandServices): ComponentReply {
  const decoded = decodeCustomId(input.customId);
  const page = decoded === undefined ? undefined : stateInteger(decoded.state, 'p');
  const query = decoded?.state['q'];
  if (decoded?.prefix !== PREFIX || page === undefined || query === undefined || query.trim() === '') {
    return { kind: 'reply', payload: expiredNotice() };
  }
  const catalog = services.catalog();
  const filters = resolveFilters(catalog, filtersFromState(decoded.state), decoded.shortened);
  if (!filters.ok) return { kind: 'reply', payload: filters.error };
  const request = {
    query: decoded.shortened.has('q') ? withoutPartialWord(query) : query,
    filters: filters.value,
    page,
    queryShortened: decoded.shortened.has('q') || decoded.state['x'] === '1',
    sort: sortFromState(decoded.state['o']),
    activeOnly: decoded.state['a'] === '1',
  };
  const style = cardStyleOf(services);
  const answer = renderSearchPage(catalog, request, false, metadataContext(services), style);
  return updateUnlessNotice(answer);
}

export const search: SubcommandModule = {
  definition: {
    type: ApplicationCommandOptionType.Subcommand,
    name: 'search',
    description: 'Search the list of distributed-systems projects',
    options: [
      autocompleteOption('query', 'Words to look for: a name, a technique, a tag…', true),
      ...filterOptions,
      {
        type: ApplicationCommandOptionType.String,
        name: 'sort',
        description: 'Order of the results (default: relevance)',
        choices: [
          { name: 'relevance', value: 'relevance' },
          { name: 'stars', value: 'stars' },
          { name: 'recently active', value: 'activity' },
        ],
      },
      {
        type: ApplicationCommandOptionType.Boolean,
        name: 'active',
        description: 'Only projects that are not archived, moved, deleted, dead or inactive',
      },
      targetOption,
      hideOption,
    ],
  },
  execute: (input, services) => withTarget(input, () => answer(input, services)),
  autocomplete(input, services) {
    const catalog = services.catalog();
    if (input.focused === 'query') return suggestionsToChoices(catalog.index.suggest(input.value.trim(), 25));
    return filterChoices(catalog, input.focused, input.value) ?? [];
  },
  componentPrefix: PREFIX,
  component,
};
