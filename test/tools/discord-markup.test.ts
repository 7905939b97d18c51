/** The playground's renderer of Discord markup: what a reader sees, in plain text. */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../commands/lib/escape.js';
import { formatTimestamp, relativeTime, renderMarkup } from '../../tools/discord-markup.js';

const names = {
  channels: new Map([['1577431915781292038', 'general']]),
  users: new Map([['1577431915781292100', 'ada']]),
  roles: new Map([['1577431915781292200', 'Moderators']]),
};

/** Monday 7 December 2026, 14:00 UTC: the weekly post at 15:00 in Berlin. */
const POST = 1796652000;
const NOW = new Date('2026-12-01T12:00:00Z');

/** Text made of the pieces Discord markup is built from, so the markers meet often. */
const markupSoup = fc
  .array(
    fc.constantFrom(
      ...[
        '*',
        '**',
        '_',
        '__',
        '`',
        '```',
        '\\',
        '[',
        ']',
        '(',
        ')',
        '<',
        '>',
        '#',
        '-',
        '1.',
        '@',
        '&',
        '!',
      ],
      ...[':', '|', '~', ' ', '\n', 'a', 'b_c', 'https://x.dev/', 't:1796652000:F', '123', 'everyone'],
      ...['\uE000', '\uE001'],
    ),
    { maxLength: 40 },
  )
  .map((pieces) => pieces.join(''));

describe('renderMarkup', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('shows channel, user and role mentions by name, and unknown ones as Discord does', () => {
    const text =
      'in <#1577431915781292038> by <@1577431915781292100> (<@!1577431915781292100>) for <@&1577431915781292200>';
    expect(renderMarkup(text, names)).toBe('in #general by @ada (@ada) for @Moderators');
    expect(renderMarkup('<#1> <@2> <@&3>', names)).toBe('#unknown-channel @unknown-user @deleted-role');
    expect(renderMarkup('</dsp search:123456> <:blobcat:987> <a:party:654> <id:customize>')).toBe(
      '/dsp search :blobcat: :party: #Channels & Roles',
    );
  });

  it('shows <t:…> in every style in the given time zone', () => {
    const at = (style: string) =>
      renderMarkup(`<t:${POST}${style}>`, { timeZone: 'Europe/Berlin', now: NOW });
    expect(at(':t')).toBe('3:00 PM');
    expect(at(':T')).toBe('3:00:00 PM');
    expect(at(':d')).toBe('12/07/2026');
    expect(at(':D')).toBe('December 7, 2026');
    expect(at(':f')).toBe('December 7, 2026 3:00 PM');
    expect(at('')).toBe('December 7, 2026 3:00 PM');
    expect(at(':F')).toBe('Monday, December 7, 2026 3:00 PM');
    expect(at(':R')).toBe('in 6 days');
    expect(renderMarkup(`<t:${POST}:F> (<t:${POST}:R>)`, { timeZone: 'Asia/Tokyo', now: NOW })).toBe(
      'Monday, December 7, 2026 11:00 PM (in 6 days)',
    );
  });

  it('uses the local time zone by default, so TZ decides', () => {
    process.env.TZ = 'America/New_York';
    expect(renderMarkup(`<t:${POST}:t>`)).toBe('9:00 AM');
    process.env.TZ = 'Asia/Kolkata';
    expect(renderMarkup(`<t:${POST}:t>`)).toBe('7:30 PM');
  });

  it('says how far away a time is the way Discord does', () => {
    const from = (seconds: number) => relativeTime(new Date(NOW.getTime() + seconds * 1000), NOW);
    expect(from(10)).toBe('in a few seconds');
    expect(from(-60)).toBe('a minute ago');
    expect(from(-30 * 60)).toBe('30 minutes ago');
    expect(from(3 * 3600)).toBe('in 3 hours');
    expect(from(-26 * 3600)).toBe('a day ago');
    expect(from(6 * 86_400)).toBe('in 6 days');
    expect(from(40 * 86_400)).toBe('in a month');
    expect(from(-100 * 86_400)).toBe('3 months ago');
    expect(from(400 * 86_400)).toBe('in a year');
    expect(from(-3 * 365 * 86_400)).toBe('3 years ago');
  });

  it('leaves a timestamp Discord would not read as typed', () => {
    expect(renderMarkup('<t:99999999999999999:F> <t:1:Q>')).toBe('<t:99999999999999999:F> <t:1:Q>');
    expect(formatTimestamp(POST, 'Q')).toBeUndefined();
  });

  it('shows links as name (url) and drops emphasis markers', () => {
    expect(renderMarkup('**[Kingbus](https://github.com/flike/kingbus)** — Go · Databases · Raft')).toBe(
      'Kingbus (https://github.com/flike/kingbus) — Go · Databases · Raft',
    );
    expect(
      renderMarkup(
        '[https://etcd.io](https://etcd.io) and <https://x.dev/a_b_c> and [docs](<https://d.dev>)',
      ),
    ).toBe('https://etcd.io and https://x.dev/a_b_c and docs (https://d.dev)');
    expect(renderMarkup('**bold** __under__ *it* _em_ ***both***')).toBe('bold under it em both');
    expect(renderMarkup('snake_case_name 2 * 3 * 4 https://x.dev/__init__*')).toBe(
      'snake_case_name 2 * 3 * 4 https://x.dev/__init__*',
    );
    expect(renderMarkup('~~gone~~ ||secret||')).toBe('~~gone~~ ||secret||');
    expect(renderMarkup('# Heading\n-# small print\n> quote')).toBe('Heading\nsmall print\n> quote');
  });

  it('removes markdown escapes, and an escaped marker stays literal', () => {
    expect(renderMarkup('a\\_b \\*\\*not bold\\*\\* \\[x\\](https://y.dev) 1\\. \\# \\<#1\\> \\\\')).toBe(
      'a_b **not bold** [x](https://y.dev) 1. # <#1> \\',
    );
    expect(renderMarkup('\\a \\ b')).toBe('\\a \\ b');
  });

  it('leaves code as written, backticks and all', () => {
    expect(renderMarkup('At 15:00 (`0 15 * * 1`), `a\\_b <#1>`, ```\n**x**\n```')).toBe(
      'At 15:00 (`0 15 * * 1`), `a\\_b <#1>`, ```\n**x**\n```',
    );
  });

  it('shows any text dsp escapes exactly as it was written', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme-ascii', maxLength: 80 }), markupSoup), (written) => {
        const shown = renderMarkup(escapeMarkdown(written), names).replace(/@\u200b/g, '@');
        expect(shown).toBe(written);
      }),
      { numRuns: 500 },
    );
    const hostile =
      '**[x](https://evil.dev)** <#1577431915781292038> <t:1:F> _a_ `c` \uE0000\uE001 # h\n1. i';
    expect(renderMarkup(escapeMarkdown(hostile), names)).toBe(hostile);
  });

  it('in titles and field names resolves escapes and emphasis but, like Discord, not mentions or links', () => {
    const title = '**Search:** a\\_b <#1577431915781292038> <t:1:F> [x](https://x.dev)';
    expect(renderMarkup(title, { ...names, scope: 'inline' })).toBe(
      'Search: a_b <#1577431915781292038> <t:1:F> [x](https://x.dev)',
    );
  });
});
