/**
 * The CLI's side of the lookup `/dsp` uses too (src/search/filter-lookup.ts): a category, language,
 * tag or project the list does not have ends the command with the text the bot shows, exit 1.
 */
import type { Entry } from '../list/types.js';
import type { CategoryTarget } from '../search/category-lookup.js';
import {
  type Lookup,
  type RawFilters,
  type ResolvedFilters,
  lookupCategory,
  lookupFilters,
  lookupProject,
} from '../search/filter-lookup.js';
import { missingText } from '../search/lookup-messages.js';
import type { ProjectIndex } from '../search/project-index.js';
import { CliError } from './load.js';

function orFail<T>(lookup: Lookup<T>): T {
  if (lookup.ok) return lookup.value;
  throw new CliError(missingText(lookup.missing));
}

export function filtersOrFail(index: ProjectIndex, options: RawFilters): ResolvedFilters {
  return orFail(
    lookupFilters(index, { category: options.category, language: options.language, tag: options.tag }),
  );
}

export function categoryOrFail(index: ProjectIndex, name: string): CategoryTarget {
  return orFail(lookupCategory(index, name));
}

export function projectOrFail(index: ProjectIndex, nameOrId: string): Entry {
  return orFail(lookupProject(index, nameOrId));
}
