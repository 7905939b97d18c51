import type { Entry } from '../list/types.js';
import type { CycleState } from '../store/types.js';

export interface ChooseInput {
  entries: readonly Entry[];
  featuredInCycle: CycleState;
  /** Uniform in [0, 1). */
  rng: () => number;
  /** Entries allowed at all (e.g. not deleted, dead or archived by project metadata); all when absent. */
  eligible?: (entry: Entry) => boolean;
}

/** The entry to feature next, and the cycle its post counts in. */
export interface FeaturedPick {
  entry: Entry;
  cycle: number;
}

/**
 * Picks uniformly among the non-archived projects not yet featured in the current cycle, so each
 * guild walks its own random order and nothing repeats until everything has been featured.
 * Resources (a course, a book, another list) are never featured.
 * Entries added to the list join the current cycle; removed ones simply are not candidates.
 * Undefined when the list has no featurable project.
 */
export function chooseFeatured({
  entries,
  featuredInCycle,
  rng,
  eligible,
}: ChooseInput): FeaturedPick | undefined {
  const featurable = entries.filter(
    (entry) => !entry.archived && entry.kind === 'project' && (eligible?.(entry) ?? true),
  );
  if (featurable.length === 0) return undefined;
  const remaining = featurable.filter((entry) => !featuredInCycle.entryIds.has(entry.id));
  const cycle = remaining.length > 0 ? featuredInCycle.cycle : featuredInCycle.cycle + 1;
  const candidates = remaining.length > 0 ? remaining : featurable;
  const index = Math.min(candidates.length - 1, Math.floor(rng() * candidates.length));
  const entry = candidates[index];
  return entry ? { entry, cycle } : undefined;
}
