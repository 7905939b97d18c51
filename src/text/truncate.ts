/** The one way dsp shortens text, for Discord messages, autocomplete, the CLI and diagnostics. */

const ELLIPSIS = '…';

/**
 * `text` cut to at most `max` UTF-16 code units (Discord's count, and never more code points than
 * that), ending in `…` when it was cut. A cut never splits a surrogate pair, and drops the white
 * space and backslashes it leaves at the end: a trailing backslash would escape the ellipsis in
 * Discord markdown.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = max - ELLIPSIS.length;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1; // do not split a surrogate pair
  const head = text.slice(0, Math.max(cut, 0)).replace(/[\s\\]+$/u, '');
  return `${head}${ELLIPSIS}`;
}
