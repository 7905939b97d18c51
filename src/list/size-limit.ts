/**
 * LIST_MAX_BYTES, the one limit on a list's size, checked before parsing: a list up to it is
 * parsed whole, a larger one is refused with a message naming both sizes. (The source reader
 * enforces it while reading; this check also covers the saved copy and the CLI's input.)
 */

/** `5.2 MB (5,452,595 bytes)`. */
export function describeSize(bytes: number): string {
  const exact = `${bytes.toLocaleString('en')} bytes`;
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB (${exact})`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB (${exact})`;
  return exact;
}

/**
 * The refusal of `what` (`the list`, `file`, `response`) of `bytes`, or of unknown size when it was
 * stopped as soon as it passed the limit.
 */
export function overLimit(what: string, bytes: number | undefined, maxBytes: number): string {
  const size = bytes === undefined ? '' : `${describeSize(bytes)}, `;
  return `${what} is ${size}more than LIST_MAX_BYTES (${describeSize(maxBytes)}); it was not parsed`;
}

/** Why `text` is refused, or undefined when it is within `maxBytes` of UTF-8. */
export function listSizeProblem(text: string, maxBytes: number, what = 'the list'): string | undefined {
  // UTF-8 takes at most 3 bytes per UTF-16 code unit: most texts need no counting.
  if (text.length * 3 <= maxBytes) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes <= maxBytes ? undefined : overLimit(what, bytes, maxBytes);
}
