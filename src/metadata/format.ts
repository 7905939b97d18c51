/** Compact text for metadata: `★ 12.3k · pushed 3 months ago`, health markers, relative times. */
import type { EntryMetadata, HealthClass } from './types.js';

/** 950 → `950`, 12_345 → `12.3k`, 1_250_000 → `1.3M`. */
export function compactCount(count: number): string {
  if (count < 1000) return String(count);
  if (count < 1_000_000) {
    const k = count / 1000;
    return `${k < 10 ? k.toFixed(1).replace(/\.0$/, '') : k < 100 ? k.toFixed(1).replace(/\.0$/, '') : Math.round(k)}k`;
  }
  return `${(count / 1_000_000).toFixed(1).replace(/\.0$/, '')}M`;
}

const UNITS: [string, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** `3 months ago`, `1 day ago`, `just now`. */
export function relativeTime(then: Date, now: Date): string {
  const ms = now.getTime() - then.getTime();
  for (const [unit, size] of UNITS) {
    const count = Math.floor(ms / size);
    if (count >= 1) return `${count} ${unit}${count === 1 ? '' : 's'} ago`;
  }
  return 'just now';
}

/** Markers for classes a reader should notice; none for ok, inactive, suspect and unknown. */
export const HEALTH_MARKERS: Partial<Record<HealthClass, string>> = {
  deleted: '⛔ deleted',
  dead: '⛔ dead link',
  archived: '📦 archived',
  moved: '↪ moved',
};

/** `★ 12.3k · pushed 3 months ago · 📦 archived`, or '' when nothing is known. */
export function metadataLine(meta: EntryMetadata | undefined, now: Date): string {
  if (!meta) return '';
  const parts: string[] = [];
  const facts = meta.repo?.facts;
  if (facts) {
    parts.push(`★ ${compactCount(facts.stars)}`);
    if (facts.pushedAt) parts.push(`pushed ${relativeTime(new Date(facts.pushedAt), now)}`);
  }
  const marker = HEALTH_MARKERS[meta.health.class];
  if (marker) parts.push(marker);
  return parts.join(' · ');
}
