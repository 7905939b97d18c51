import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeInline, escapeMarkdown, safeLink, safeUrl } from '../../commands/lib/escape.js';

/** What Discord shows for escaped text: each `\x` (x not alphanumeric) becomes `x`. */
function rendered(text: string): string {
  return text.replace(/\\([^0-9A-Za-z\s])/g, '$1').replace(/\u200b/g, '');
}

describe('escapeMarkdown', () => {
  const hostile = [
    '@everyone look',
    '@here now',
    '<@123456789> and <@&42> and <#99> and <t:0:R>',
    '**bold** __underline__ *it* _it_ ~~strike~~ ||spoiler||',
    '`code` and ```block```',
    '> quoted',
    '>>> quoted block',
    '# Heading',
    '-# subtext',
    '- bullet',
    '1. numbered',
    '[x](javascript:alert(1))',
    'back\\slash',
  ];

  it.each(hostile)('renders %j literally', (text) => {
    expect(rendered(escapeMarkdown(text))).toBe(text);
  });

  it('renders any text literally and leaves no live markdown or mention syntax', () => {
    const markdownish = fc.string({
      unit: fc.constantFrom(
        '*',
        '_',
        '~',
        '`',
        '|',
        '>',
        '#',
        '-',
        '[',
        ']',
        '(',
        ')',
        '<',
        '@',
        '\\',
        '\n',
        ' ',
        'a',
        '1',
        '.',
        'everyone',
        'here',
      ),
      maxLength: 60,
    });
    fc.assert(
      fc.property(fc.oneof(markdownish, fc.string({ maxLength: 60 })), (text) => {
        const escaped = escapeMarkdown(text);
        expect(rendered(escaped)).toBe(text.replace(/\u200b/g, ''));
        expect(escaped).not.toMatch(/(^|[^\\])(\\\\)*[*_~`|<[\]]/);
        expect(escaped).not.toMatch(/@(everyone|here)/i);
      }),
    );
  });

  it('breaks mass mentions with a zero-width space', () => {
    expect(escapeMarkdown('hi @everyone and @here')).toBe('hi @\u200beveryone and @\u200bhere');
  });

  it('leaves no unescaped markdown or mention syntax', () => {
    const escaped = escapeMarkdown(hostile.join('\n'));
    expect(escaped).not.toMatch(/(^|[^\\])[*_~`|<[\]]/);
    expect(escaped).not.toMatch(/^\s*[-#>]/m);
    expect(escaped).not.toMatch(/@(everyone|here)/);
  });

  it('keeps ordinary text readable', () => {
    expect(escapeMarkdown('Kafka/distributed commit log service in Go.')).toBe(
      'Kafka/distributed commit log service in Go.',
    );
  });

  it('escapeInline collapses newlines so one line stays one line', () => {
    expect(escapeInline('a\n# b\n  c')).toBe('a # b c');
    expect(escapeInline('  # heading\n')).toBe('\\# heading');
  });
});

describe('safeUrl and safeLink', () => {
  it('accepts only http(s) URLs', () => {
    expect(safeUrl('https://github.com/etcd-io/etcd')).toBe('https://github.com/etcd-io/etcd');
    expect(safeUrl('http://example.com/x')).toBe('http://example.com/x');
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,x',
      'ftp://x.org',
      '/relative',
      'not a url',
      '',
    ]) {
      expect(safeUrl(url)).toBeUndefined();
    }
  });

  it('renders a masked link for http(s) and plain escaped text otherwise', () => {
    expect(safeLink('etcd', 'https://github.com/etcd-io/etcd')).toBe(
      '[etcd](https://github.com/etcd-io/etcd)',
    );
    expect(safeLink('[x]', 'javascript:alert(1)')).toBe('\\[x\\]');
  });

  it('escapes brackets in link text and parentheses in the URL', () => {
    const link = safeLink('a [b] c', 'https://example.com/wiki/A_(b)');
    expect(link).toBe('[a \\[b\\] c](https://example.com/wiki/A_%28b%29)');
  });
});
