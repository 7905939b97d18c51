import { diagnostic } from './diagnostics.js';
import type { SectionBuild } from './sections.js';
import { nameMatchesRepo } from './name-matches-repo.js';
import type { Category, Diagnostic, Entry } from './types.js';
import { normalizeUrl } from './url.js';

/** Whole-list checks that need every entry: duplicates, names that do not match repos, empty categories. */
export function listDiagnostics(
  entries: readonly Entry[],
  categories: readonly { category: Category; build: SectionBuild }[],
): Diagnostic[] {
  return [
    ...duplicateUrls(entries),
    ...nameMismatches(entries),
    ...emptyCategories(categories),
    ...(entries.length === 0
      ? [diagnostic('empty-list', 'no entries found: no list item links to an http(s) URL', 1)]
      : []),
  ];
}

export function duplicateUrls(entries: readonly Entry[]): Diagnostic[] {
  const firstByUrl = new Map<string, Entry>();
  const found: Diagnostic[] = [];
  for (const entry of entries) {
    const key = normalizeUrl(entry.url);
    const first = firstByUrl.get(key);
    if (first === undefined) {
      firstByUrl.set(key, entry);
      continue;
    }
    found.push(
      diagnostic(
        'duplicate-url',
        `"${entry.name}" repeats ${entry.url}, already listed at line ${first.line}`,
        entry.line,
      ),
    );
  }
  return found;
}

export function nameMismatches(entries: readonly Entry[]): Diagnostic[] {
  return entries
    .filter((entry) => entry.repo !== undefined && !nameMatchesRepo(entry.name, entry.repo))
    .map((entry) =>
      diagnostic(
        'name-mismatch',
        `"${entry.name}" links to ${entry.repo}, which looks like another project`,
        entry.line,
      ),
    );
}

function emptyCategories(categories: readonly { category: Category; build: SectionBuild }[]): Diagnostic[] {
  return categories
    .filter(({ category }) => category.entryCount === 0)
    .map(({ category }) =>
      diagnostic('empty-category', `category "${category.name}" has no entries`, category.line),
    );
}
