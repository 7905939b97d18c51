/** The playground's text rendering of a message: markup rendered where Discord renders it. */
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../tools/render-text.js';

const markup = {
  channels: new Map([['1577431915781292038', 'general']]),
  timeZone: 'Europe/Berlin',
  now: new Date('2026-12-01T12:00:00Z'),
};

describe('renderMessage', () => {
  it('renders markup in content, titles, descriptions and fields; footers and labels as sent', () => {
    const message = {
      content: '**Preview** of the post due <t:1796652000:F> (<t:1796652000:R>) in <#1577431915781292038>',
      embeds: [
        {
          title: 'Search: a\\_b',
          description: '**[Kingbus](https://github.com/flike/kingbus)** — Go\na \\*starred\\* note',
          fields: [
            { name: '**Channel**', value: '<#1577431915781292038>' },
            { name: 'Repository', value: '[flike/kingbus](https://github.com/flike/kingbus)' },
          ],
          footer: { text: 'Page 1/2 · **raw** <#1>' },
        },
      ],
      components: [{ type: 1, components: [{ type: 2, custom_id: 'x', label: '**Next**' }] }],
    };
    expect(renderMessage(message, 1, markup).text).toBe(
      [
        'Preview of the post due Monday, December 7, 2026 3:00 PM (in 6 days) in #general',
        '┃ Search: a_b',
        '┃ Kingbus (https://github.com/flike/kingbus) — Go',
        '┃ a *starred* note',
        '┃ ▸ Channel',
        '┃   #general',
        '┃ ▸ Repository',
        '┃   flike/kingbus (https://github.com/flike/kingbus)',
        '┃ — Page 1/2 · **raw** <#1>',
        '[1: **Next**]',
      ].join('\n'),
    );
  });
});
