/** Small parsers shared by the configuration schema. Each returns undefined for text it cannot read. */

const DURATION_UNITS_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * Reads `6h`, `30m`, `45s`, `1500ms`, `1d`, combinations like `1h30m`, or a bare number of seconds.
 * Returns milliseconds.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) {
    total += Number(amount) * (DURATION_UNITS_MS[unit ?? ''] ?? Number.NaN);
  }
  return Number.isFinite(total) ? Math.round(total) : undefined;
}

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

/** Reads `5MB`, `512 KiB`, `1048576`. Units are binary (1 KB = 1024 bytes). Returns bytes. */
export function parseByteSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/.exec(text.trim().toLowerCase());
  if (!match) return undefined;
  const factor = SIZE_UNITS[match[2] ?? ''];
  if (factor === undefined) return undefined;
  return Math.floor(Number(match[1]) * factor);
}

/** Discord ids: 17 to 20 digits. */
export function isSnowflake(text: string): boolean {
  return /^\d{17,20}$/.test(text);
}

/** Splits `a, b,,c` into `['a', 'b', 'c']`. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/**
 * Reads shard ids written as `0-3`, `0,2` or `0-1,4`. Returns them sorted without duplicates,
 * or undefined when any part is not a number or a low-high range.
 */
export function parseShardIds(text: string): number[] | undefined {
  const parts = splitList(text);
  if (parts.length === 0) return undefined;
  const ids = new Set<number>();
  for (const part of parts) {
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(part);
    if (range) {
      const low = Number(range[1]);
      const high = Number(range[2]);
      if (low > high || high - low > 100_000) return undefined;
      for (let id = low; id <= high; id++) ids.add(id);
    } else if (/^\d+$/.test(part)) {
      ids.add(Number(part));
    } else {
      return undefined;
    }
  }
  return [...ids].sort((a, b) => a - b);
}
