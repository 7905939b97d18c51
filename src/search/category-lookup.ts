/**
 * A category as people name it, in Discord and in the terminal alike: `Databases`,
 * `time series`, or `Databases › Time Series` (also with `>`), resolved against a list.
 */
import type { Category, Entry, ListDocument } from '../list/types.js';
import { nameKey } from './text.js';

/** A `##` category, or a `###` sub-category with its parent. */
export interface CategoryTarget {
  category: string;
  subcategory?: string;
}

function toTarget(category: Category): CategoryTarget {
  if (category.parent === undefined || category.depth <= 2) return { category: category.name };
  return { category: category.parent, subcategory: category.name };
}

/** A top-level category wins over a sub-category of the same name, then the first in the list. */
function firstByDepth(categories: Category[]): Category | undefined {
  return [...categories].sort((a, b) => a.depth - b.depth || a.line - b.line)[0];
}

/**
 * A category or sub-category by name, case-insensitively, also as `Parent › Child`. With
 * `prefixOnly` (a value cut to fit a custom id) the name may be a prefix.
 */
export function resolveCategory(
  doc: ListDocument,
  text: string,
  prefixOnly = false,
): CategoryTarget | undefined {
  const matches = (name: string, wanted: string): boolean =>
    prefixOnly ? nameKey(name).startsWith(wanted) : nameKey(name) === wanted;
  const wanted = nameKey(text);
  if (wanted === '') return undefined;
  const byName = firstByDepth(doc.categories.filter((category) => matches(category.name, wanted)));
  if (byName !== undefined) return toTarget(byName);
  // `Parent › Child`, as category labels and autocomplete show sub-categories.
  const separator = wanted.search(/\s*[›>]\s*/);
  if (separator < 0) return undefined;
  const parent = wanted.slice(0, separator).trim();
  const child = wanted.slice(separator).replace(/^\s*[›>]\s*/, '');
  const found = firstByDepth(
    doc.categories.filter(
      (category) =>
        category.parent !== undefined && nameKey(category.parent) === parent && matches(category.name, child),
    ),
  );
  return found === undefined ? undefined : toTarget(found);
}

/** `Databases` or `Databases › Time Series`. */
export function categoryLabel(target: CategoryTarget): string {
  return target.subcategory === undefined ? target.category : `${target.category} › ${target.subcategory}`;
}

/** The entries of a category (sub-categories included) or of one sub-category, in list order. */
export function categoryEntries(doc: ListDocument, target: CategoryTarget): Entry[] {
  return doc.entries
    .filter(
      (entry) =>
        entry.category === target.category &&
        (target.subcategory === undefined || entry.subcategory === target.subcategory),
    )
    .sort((a, b) => a.line - b.line);
}
