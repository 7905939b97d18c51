/** Where each entry sits in the list: by id, by name written without spaces, by repository. */
import type { Entry } from '../list/types.js';
import { eachItem, sortInSteps, type Steps } from './steps.js';
import { compact, fold } from './text.js';

export class EntryLookups {
  readonly entries: readonly Entry[];
  readonly positionById = new Map<string, number>();
  readonly positionsByCompactName = new Map<string, number[]>();
  /** Keyed by lower-cased `owner/name`. */
  readonly positionByRepo = new Map<string, number>();
  /** Keyed by the lower-cased name part of the repository. */
  readonly positionsByRepoName = new Map<string, number[]>();
  /** Each entry's name written without spaces or punctuation. */
  readonly compactNames: string[] = [];
  /** The same names, sorted and without repeats, for lookups of how a name begins. */
  private sortedCompactNames: readonly string[] = [];

  private constructor(entries: readonly Entry[]) {
    this.entries = entries;
  }

  static *build(entries: readonly Entry[]): Steps<EntryLookups> {
    const lookups = new EntryLookups(entries);
    yield* eachItem(entries, (entry, position) => lookups.add(entry, position));
    lookups.sortedCompactNames = yield* sortInSteps([...new Set(lookups.compactNames)], (a, b) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return lookups;
  }

  /** Names (written without spaces) that start with `prefix`, in order; `undefined` when more than `max` do. */
  namesStartingWith(prefix: string, max: number): string[] | undefined {
    const names = this.sortedCompactNames;
    let lo = 0;
    let hi = names.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((names[mid] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: string[] = [];
    for (let at = lo; at < names.length && (names[at] as string).startsWith(prefix); at++) {
      if (found.length === max) return undefined;
      found.push(names[at] as string);
    }
    return found;
  }

  get(id: string): Entry | undefined {
    const position = this.positionById.get(id);
    return position === undefined ? undefined : this.entries[position];
  }

  /** Exact id, else case-insensitive exact name (first in list order), else repository `owner/name`. */
  resolve(nameOrId: string): Entry | undefined {
    const text = nameOrId.trim();
    const byId = this.get(text);
    if (byId) return byId;
    const lower = fold(text);
    const byName = this.entries.find((entry) => fold(entry.name) === lower);
    if (byName) return byName;
    const repo = lower.replace(/^https?:\/\/github\.com\//, '').replace(/\/$/, '');
    const position = this.positionByRepo.get(repo);
    return position === undefined ? undefined : this.entries[position];
  }

  private add(entry: Entry, position: number): void {
    if (!this.positionById.has(entry.id)) this.positionById.set(entry.id, position);
    const key = compact(entry.name);
    this.compactNames.push(key);
    const same = this.positionsByCompactName.get(key);
    if (same) same.push(position);
    else this.positionsByCompactName.set(key, [position]);
    const repo = entry.repo ? fold(entry.repo) : undefined;
    if (repo && !this.positionByRepo.has(repo)) this.positionByRepo.set(repo, position);
    const repoName = repo?.split('/')[1];
    if (repoName)
      this.positionsByRepoName.set(repoName, [...(this.positionsByRepoName.get(repoName) ?? []), position]);
  }
}
