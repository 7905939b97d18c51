/**
 * Discord markup as a reader sees it, in plain text: how the playground shows message content and
 * embeds. Pure: names, the time zone and "now" come in; nothing is looked up.
 *
 *   renderMarkup('**[etcd](https://etcd.io)** in <#123> <t:1796652000:F>', names)
 *   → 'etcd (https://etcd.io) in #general Monday, December 7, 2026 3:00 PM'   (TZ=Europe/Berlin)
 *
 * - `<#id>` → `#name`, `<@id>`/`<@!id>` → `@name`, `<@&id>` → `@role`, `</dsp search:id>` →
 *   `/dsp search`, `<:emoji:id>` → `:emoji:`; unknown ids read `#unknown-channel`, `@unknown-user`,
 *   `@deleted-role`, as Discord shows them.
 * - `<t:unix:style>` → the time in `timeZone` (default: the process's local zone, so `TZ` applies),
 *   in Discord's English formats: t `3:00 PM`, T `3:00:00 PM`, d `12/07/2026`, D `December 7, 2026`,
 *   f (the default) `December 7, 2026 3:00 PM`, F `Monday, December 7, 2026 3:00 PM`, R `in 6 days`.
 * - `\_` and every other backslash escape → the character; `**bold**`, `__underline__`, `*italic*`,
 *   `_italic_` → the text; `[name](url)` → `name (url)`; `<url>` → `url`; heading markers dropped.
 * - Inside `code` nothing changes (the backticks stay, so code still reads as code); strikethrough
 *   `~~` and spoiler `||` stay, since dropping them would change what the text says.
 *
 * Scopes follow where Discord renders what: `full` for message content, embed descriptions and field
 * values; `inline` for embed titles and field names (escapes and emphasis, but mentions, times and
 * links show as typed); footers and author names are plain text in Discord and are not passed here.
 */

export interface MarkupNames {
  channels?: ReadonlyMap<string, string>;
  users?: ReadonlyMap<string, string>;
  roles?: ReadonlyMap<string, string>;
}

export interface MarkupOptions extends MarkupNames {
  /** `full` (content, descriptions, field values) or `inline` (titles, field names). */
  scope?: 'full' | 'inline';
  /** IANA time zone for `<t:…>`; default the local zone (`TZ`). */
  timeZone?: string;
  /** The moment `<t:…:R>` is relative to; default now. */
  now?: Date;
}

/** Private-use characters bracket the index of text that later passes must leave alone. */
const HOLD_OPEN = '\uE000';
const HOLD_CLOSE = '\uE001';
const HELD = /\uE000(\d+)\uE001/g;
const HOLD_CHARS = /[\uE000\uE001]/;

const TIME_STYLES = new Set(['t', 'T', 'd', 'D', 'f', 'F', 'R']);
const LOCALE = 'en-US';

/** ICU puts a narrow no-break space before AM/PM; terminals and tests read a plain one better. */
const plainSpaces = (text: string): string => text.replace(/[\u202f\u00a0]/g, ' ');

function format(date: Date, timeZone: string | undefined, options: Intl.DateTimeFormatOptions): string {
  return plainSpaces(
    new Intl.DateTimeFormat(LOCALE, { ...options, ...(timeZone ? { timeZone } : {}) }).format(date),
  );
}

/** `in 6 days`, `3 hours ago`: the thresholds Discord's relative timestamps use. */
export function relativeTime(date: Date, now: Date): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  const minutes = Math.round(abs / 60);
  const hours = Math.round(abs / 3600);
  const days = Math.round(abs / 86_400);
  const months = Math.round(abs / (86_400 * 30.4375));
  const years = Math.round(abs / (86_400 * 365.25));
  const span =
    abs < 45
      ? 'a few seconds'
      : abs < 90
        ? 'a minute'
        : minutes < 45
          ? `${minutes} minutes`
          : minutes < 90
            ? 'an hour'
            : hours < 22
              ? `${hours} hours`
              : hours < 36
                ? 'a day'
                : days < 26
                  ? `${days} days`
                  : days < 45
                    ? 'a month'
                    : days < 320
                      ? `${Math.max(months, 2)} months`
                      : days < 548
                        ? 'a year'
                        : `${Math.max(years, 2)} years`;
  return seconds >= 0 ? `in ${span}` : `${span} ago`;
}

/** `<t:1796652000:F>` as Discord shows it to a reader in `timeZone`; undefined for an invalid time. */
export function formatTimestamp(
  unixSeconds: number,
  style: string,
  { timeZone, now = new Date() }: { timeZone?: string; now?: Date } = {},
): string | undefined {
  const date = new Date(unixSeconds * 1000);
  if (!Number.isFinite(date.getTime()) || !TIME_STYLES.has(style)) return undefined;
  const time = () => format(date, timeZone, { hour: 'numeric', minute: '2-digit' });
  const longDate = () => format(date, timeZone, { month: 'long', day: 'numeric', year: 'numeric' });
  switch (style) {
    case 't':
      return time();
    case 'T':
      return format(date, timeZone, { hour: 'numeric', minute: '2-digit', second: '2-digit' });
    case 'd':
      return format(date, timeZone, { month: '2-digit', day: '2-digit', year: 'numeric' });
    case 'D':
      return longDate();
    case 'F':
      return `${format(date, timeZone, { weekday: 'long' })}, ${longDate()} ${time()}`;
    case 'R':
      return relativeTime(date, now);
    default:
      return `${longDate()} ${time()}`;
  }
}

const GUIDE_CHANNELS: Record<string, string> = {
  customize: 'Channels & Roles',
  browse: 'Browse Channels',
  guide: 'Server Guide',
  'linked-roles': 'Linked Roles',
};

/** Display text for Discord markup; see the module comment for what each construct becomes. */
export function renderMarkup(text: string, options: MarkupOptions = {}): string {
  const held: string[] = [];
  const hold = (literal: string): string => `${HOLD_OPEN}${held.push(literal) - 1}${HOLD_CLOSE}`;
  const full = (options.scope ?? 'full') === 'full';

  // One left-to-right pass for what is literal: code blocks, inline code, backslash escapes (and
  // the hold characters themselves, should the text contain them).
  let out = text.replace(
    /```[\s\S]*?```|(`+)[\s\S]*?[^`]\1(?!`)|\\([^0-9A-Za-z\s])|[\uE000\uE001]/g,
    (match, _ticks: string | undefined, escaped: string | undefined) => hold(escaped ?? match),
  );

  if (full) {
    const name = (map: ReadonlyMap<string, string> | undefined, id: string) => map?.get(id);
    out = out
      .replace(/<#(\d+)>/g, (_m, id: string) => hold(`#${name(options.channels, id) ?? 'unknown-channel'}`))
      .replace(/<@!?(\d+)>/g, (_m, id: string) => hold(`@${name(options.users, id) ?? 'unknown-user'}`))
      .replace(/<@&(\d+)>/g, (_m, id: string) => hold(`@${name(options.roles, id) ?? 'deleted-role'}`))
      .replace(/<id:(customize|browse|guide|linked-roles)>/g, (_m, id: string) =>
        hold(`#${GUIDE_CHANNELS[id]}`),
      )
      .replace(/<\/([-_\p{L}\p{N}]+(?: [-_\p{L}\p{N}]+){0,2}):\d+>/gu, (_m, command: string) =>
        hold(`/${command}`),
      )
      .replace(/<a?:(\w+):\d+>/g, (_m, emoji: string) => hold(`:${emoji}:`))
      .replace(/<t:(-?\d+)(?::(\w))?>/g, (match, seconds: string, style = 'f') => {
        const shown = formatTimestamp(Number(seconds), style, options);
        return shown === undefined ? match : hold(shown);
      })
      // [name](url) and [name](<url>): the name stays open to emphasis, the URL is held.
      .replace(/\[([^\]\n]+)\]\(<?(https?:\/\/[^\s)>]+)>?\)/g, (_m, label: string, url: string) =>
        label === url ? hold(url) : `${label}${hold(` (${url})`)}`,
      )
      .replace(/<(https?:\/\/[^\s>]+)>/g, (_m, url: string) => hold(url))
      .replace(/https?:\/\/[^\s<]*[^\s<.,:;"')\]]/g, (url) => hold(url))
      .replace(/^(?:#{1,3}|-#) +/gm, '');
  }

  out = out
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '$1')
    .replace(/__(?=\S)([\s\S]*?\S)__/g, '$1')
    .replace(/\*(?=[^\s*])([^*\n]*?[^\s*])\*/g, '$1')
    .replace(/(?<!\w)_(?=[^\s_])([^_\n]*?[^\s_])_(?!\w)/g, '$1');

  // Held text may hold earlier text (an escape inside a link's URL): restore it the same way. Every
  // hold character left in the text by now opens a real hold, so this never reads the input's own.
  const restore = (value: string): string =>
    HOLD_CHARS.test(value)
      ? value.replace(HELD, (_m, index: string) => restore(held[Number(index)] ?? ''))
      : value;
  return restore(out);
}
