/** Counts that callers ask for (limits, offsets), made whole and non-negative. */

/** `value` rounded down and at least 0; `fallback` when it is missing or not a finite number. */
export function clampCount(value: number | undefined, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.max(0, Math.floor(value));
}
