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

  it('renders a Components V2 layout: sections with their picture or button beside, images as [image: …]', () => {
    const message = {
      flags: 1 << 15,
      components: [
        {
          type: 17,
          components: [
            { type: 10, content: '### Search: raft' },
            {
              type: 9,
              components: [
                { type: 10, content: '**[etcd](https://github.com/etcd-io/etcd)** — Go\nA \\*store\\*' },
              ],
              accessory: { type: 2, style: 2, custom_id: 'project:1|d=etcd|n=0', label: 'Details' },
            },
            {
              type: 9,
              components: [
                { type: 10, content: '### [etcd](https://etcd.io)' },
                { type: 10, content: 'Key-value store' },
              ],
              accessory: { type: 11, media: { url: 'https://github.com/etcd-io.png' } },
            },
            { type: 14, divider: true },
            { type: 12, items: [{ media: { url: 'https://opengraph.githubassets.com/1/etcd-io/etcd' } }] },
            { type: 10, content: '-# Page 1/2 · 7 projects' },
            {
              type: 1,
              components: [
                { type: 2, style: 5, url: 'https://github.com/etcd-io/etcd', label: 'Open repository' },
                { type: 2, style: 2, custom_id: 'search:1|p=2', label: 'Next' },
              ],
            },
          ],
        },
      ],
    };
    const rendered = renderMessage(message, 1, markup);
    expect(rendered.text).toBe(
      [
        '┃ Search: raft',
        '┃ etcd (https://github.com/etcd-io/etcd) — Go  [1: Details]',
        '┃ A *store*',
        '┃ etcd (https://etcd.io)  [image: https://github.com/etcd-io.png]',
        '┃ Key-value store',
        '┃ ───',
        '┃ [image: https://opengraph.githubassets.com/1/etcd-io/etcd]',
        '┃ Page 1/2 · 7 projects',
        '┃ [Open repository ↗ https://github.com/etcd-io/etcd] [2: Next]',
      ].join('\n'),
    );
    expect(rendered.controls.map((control) => control.customId)).toEqual([
      'project:1|d=etcd|n=0',
      'search:1|p=2',
    ]);
  });
});
