/**
 * Which names count as a typo of what someone typed. One rule for every "did you mean" dsp gives
 * (categories, languages, tags, project names; in Discord and in the terminal): a name is close
 * when it is within a Damerau-Levenshtein distance (optimal string alignment: a swap of two
 * neighbouring letters is one edit) that grows with the length of the shorter of the two:
 *
 *   - 3 letters or fewer: no edit. One edit changes a third of the word: `C++`/`C#`, `Lua`/`Lux`.
 *   - 4 to 7 letters: one edit (`Rusr` → Rust, `Queue` → Queues, `etdc` → etcd).
 *   - 8 letters or more: two edits (`Databses` → Databases, `cokroachdbb` → CockroachDB).
 *
 * Anything further is a different word (`nosuch` is three edits from `couch`, `Cobol` is no
 * language a letter away): no suggestion is better than a wrong one.
 */
import { nameKey } from './text.js';

/** Edits forgiven between two names (or words) of these lengths. */
export function typoAllowance(lengthA: number, lengthB: number): number {
  const shorter = Math.min(lengthA, lengthB);
  if (shorter <= 3) return 0;
  return shorter <= 7 ? 1 : 2;
}

/** Edit distance (optimal string alignment), or `max + 1` once it is certain to exceed `max`. */
export function editDistanceWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current.push(value);
      rowBest = Math.min(rowBest, value);
    }
    // A swap reaches back two rows, so a row may only end the walk when the one before it agrees.
    if (rowBest > max && Math.min(...previous) > max) return max + 1;
    beforePrevious = previous;
    previous = current;
  }
  const distance = previous[b.length] ?? max + 1;
  return distance > max ? max + 1 : distance;
}

/** How many edits `name` is from `typed` when it is a typo of it; undefined when not (or the same). */
export function typoDistance(typed: string, name: string): number | undefined {
  const a = nameKey(typed);
  const b = nameKey(name);
  const max = typoAllowance(a.length, b.length);
  const distance = editDistanceWithin(a, b, max);
  return distance > 0 && distance <= max ? distance : undefined;
}

/**
 * The names `typed` is a typo of, closest first (given order on a tie), at most `limit`.
 * `spellings` gives the ways a name may be written (a sub-category also by its own name).
 */
export function closeNames(
  typed: string,
  names: readonly string[],
  limit: number,
  spellings: (name: string) => readonly string[] = (name) => [name],
): string[] {
  const close: { name: string; distance: number; order: number }[] = [];
  names.forEach((name, order) => {
    const distances = spellings(name)
      .map((spelling) => typoDistance(typed, spelling))
      .filter((distance) => distance !== undefined);
    if (distances.length > 0) close.push({ name, distance: Math.min(...distances), order });
  });
  close.sort((a, b) => a.distance - b.distance || a.order - b.order);
  return close.slice(0, limit).map((item) => item.name);
}
