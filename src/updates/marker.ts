/**
 * The marker each digest message carries in its embed footer: the digest's key and the part, so
 * that a digest claimed before a crash is found in the channel instead of posted twice.
 */
const MARKER_PREFIX = 'dsp updates · ';

export function digestMarker(key: string, part: number, parts: number): string {
  return `${MARKER_PREFIX}${key} · ${part}/${parts}`;
}

/** The digest key and part of a marker found anywhere in `text`. */
export function parseDigestMarker(text: string): { key: string; part: number; parts: number } | undefined {
  const match = /dsp updates · ([\w-]+) · (\d+)\/(\d+)/.exec(text);
  if (!match) return undefined;
  return { key: match[1] ?? '', part: Number(match[2]), parts: Number(match[3]) };
}
