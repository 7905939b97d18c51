/**
 * Text from the list is untrusted: it must render literally in Discord, never as markdown,
 * never as a ping and never as a link to anything but http(s).
 */

/** Zero-width space: breaks `@everyone`/`@here` so Discord never reads them as mentions. */
const ZWSP = '\u200b';

/** Characters Discord's markdown gives meaning to anywhere in a line. */
const INLINE_SPECIALS = /[\\*_~`|[\]<]/g;

/** Markers that only matter at the start of a line: quotes, headings, subtext, bullets. */
const LINE_START_SPECIALS = /^(\s*)([-+>#])/gm;

/** Numbered-list markers: a backslash before a digit would show, so the dot is escaped. */
const NUMBERED_LIST = /^(\s*\d+)\./gm;

/** Escapes Discord markdown and neutralises mentions, so `text` renders exactly as written. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE_SPECIALS, (char) => `\\${char}`)
    .replace(LINE_START_SPECIALS, (_match, indent: string, marker: string) => `${indent}\\${marker}`)
    .replace(NUMBERED_LIST, '$1\\.')
    .replace(/@(everyone|here)/gi, `@${ZWSP}$1`);
}

/** Escapes text that must stay on one line (titles, link text, list lines). */
export function escapeInline(text: string): string {
  return escapeMarkdown(text.replace(/\s+/g, ' ').trim());
}

/** The URL when it is an absolute http(s) URL, normalised; otherwise undefined. */
export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  // Parentheses and angle brackets would end a masked link early.
  return parsed.href.replace(/[()<>]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A masked link `[text](url)` when `url` is http(s); otherwise only the escaped text. */
export function safeLink(text: string, url: string | undefined): string {
  const label = escapeInline(text);
  const href = safeUrl(url);
  return href === undefined ? label : `[${label}](${href})`;
}
