import type {
  APIButtonComponent,
  APIContainerComponent,
  APIMessageTopLevelComponent,
  APISectionComponent,
  APITextDisplayComponent,
} from 'discord-api-types/v10';
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import {
  LAYOUT_LIMITS,
  countComponents,
  fitLayout,
  isLayoutMediaUrl,
  layoutProblems,
  layoutTextLength,
} from '../../commands/lib/layout-limits.js';

const text = (content: string): APITextDisplayComponent => ({ type: ComponentType.TextDisplay, content });
const button = (id: string, label = 'Details'): APIButtonComponent => ({
  type: ComponentType.Button,
  style: ButtonStyle.Secondary,
  custom_id: id,
  label,
});
const section = (texts: string[], accessory: APISectionComponent['accessory']): APISectionComponent => ({
  type: ComponentType.Section,
  components: texts.map(text),
  accessory,
});
const thumbnail = (url: string): APISectionComponent['accessory'] => ({
  type: ComponentType.Thumbnail,
  media: { url },
});
const container = (components: APIContainerComponent['components']): APIContainerComponent => ({
  type: ComponentType.Container,
  components,
});

describe('counting', () => {
  it('counts nested components: container, section, its texts and its accessory', () => {
    const layout = [container([text('title'), section(['a', 'b'], button('x:1|a=1'))])];
    expect(countComponents(layout)).toBe(6);
    expect(layoutTextLength(layout)).toBe('title'.length + 2);
  });
});

describe('isLayoutMediaUrl', () => {
  it('takes http(s) and attachment URLs and nothing else', () => {
    expect(isLayoutMediaUrl('https://github.com/etcd-io.png')).toBe(true);
    expect(isLayoutMediaUrl('http://example.org/a.png')).toBe(true);
    expect(isLayoutMediaUrl('attachment://card.png')).toBe(true);
    expect(isLayoutMediaUrl('javascript:alert(1)')).toBe(false);
    expect(isLayoutMediaUrl('ftp://example.org/a.png')).toBe(false);
    expect(isLayoutMediaUrl('not a url')).toBe(false);
  });
});

describe('layoutProblems', () => {
  it('accepts a valid card', () => {
    expect(layoutProblems([container([section(['a'], thumbnail('https://x.org/a.png'))])])).toEqual([]);
  });

  it('names every broken rule', () => {
    const layout: APIMessageTopLevelComponent[] = [
      container([
        section([], thumbnail('javascript:x')),
        section(['1', '2', '3', '4'], button('same')),
        { type: ComponentType.ActionRow, components: [button('same'), button('y'.repeat(101))] },
        { type: ComponentType.MediaGallery, items: [] },
        text('z'.repeat(4001)),
      ]),
    ];
    const problems = layoutProblems(layout).join('\n');
    expect(problems).toContain('a section with 0 text displays');
    expect(problems).toContain('a section with 4 text displays');
    expect(problems).toContain('thumbnail URL not http(s)');
    expect(problems).toContain('custom id used twice: same');
    expect(problems).toContain('custom id over 100 characters');
    expect(problems).toContain('a media gallery with 0 items');
    expect(problems).toContain('characters of text (at most 4000)');
  });

  it('counts components past 40', () => {
    const many = Array.from({ length: 40 }, (_, i) => text(`line ${i}`));
    expect(layoutProblems([container(many)])).toEqual(['41 components (at most 40)']);
  });
});

describe('fitLayout', () => {
  it('leaves a valid layout as it is', () => {
    const layout = [container([text('# Title'), section(['a', 'b'], button('search:1|d=1'))])];
    expect(fitLayout(layout)).toEqual(layout);
  });

  it('shortens the longest text displays to 4000 characters in all, leaving short ones whole', () => {
    const layout = [container([text('Heading'), text('a'.repeat(3000)), text('b'.repeat(3000))])];
    const fitted = fitLayout(layout);
    expect(layoutTextLength(fitted)).toBeLessThanOrEqual(LAYOUT_LIMITS.textDisplayTotal);
    expect(layoutProblems(fitted)).toEqual([]);
    const texts = (fitted[0] as APIContainerComponent).components as APITextDisplayComponent[];
    expect(texts[0]?.content).toBe('Heading');
    expect(texts[1]?.content.endsWith('…')).toBe(true);
    // The caller's layout is not modified.
    expect(
      ((layout[0] as APIContainerComponent).components[1] as APITextDisplayComponent).content,
    ).toHaveLength(3000);
  });

  it('drops trailing content, never the heading or the button row, down to 40 components', () => {
    const results = Array.from({ length: 15 }, (_, i) => section([`result ${i}`], button(`d:1|i=${i}`)));
    const row: APIMessageTopLevelComponent = {
      type: ComponentType.ActionRow,
      components: [button('p:1|p=0', 'Previous'), button('p:1|p=2', 'Next')],
    };
    const fitted = fitLayout([container([text('# Search'), ...results]), row]);
    expect(countComponents(fitted)).toBeLessThanOrEqual(40);
    expect(layoutProblems(fitted)).toEqual([]);
    const kept = (fitted[0] as APIContainerComponent).components;
    expect(kept[0]).toEqual(text('# Search'));
    expect(fitted[1]).toEqual(row);
  });

  it('turns a section whose thumbnail is not http(s) into its text, and drops bad gallery images', () => {
    const fitted = fitLayout([
      container([
        section(['name', 'description'], thumbnail('javascript:alert(1)')),
        {
          type: ComponentType.MediaGallery,
          items: [
            { media: { url: 'data:image/png;base64,AAAA' } },
            { media: { url: 'https://x.org/p.png' } },
          ],
        },
      ]),
    ]);
    expect(layoutProblems(fitted)).toEqual([]);
    expect((fitted[0] as APIContainerComponent).components).toEqual([
      text('name'),
      text('description'),
      { type: ComponentType.MediaGallery, items: [{ media: { url: 'https://x.org/p.png' } }] },
    ]);
  });

  it('keeps custom ids unique and short: a repeated or over-long id loses its button', () => {
    const fitted = fitLayout([
      container([section(['first'], button('d:1|i=a')), section(['second'], button('d:1|i=a'))]),
      { type: ComponentType.ActionRow, components: [button('x'.repeat(101)), button('ok')] },
    ]);
    expect(layoutProblems(fitted)).toEqual([]);
    expect((fitted[0] as APIContainerComponent).components).toEqual([
      section(['first'], button('d:1|i=a')),
      text('second'),
    ]);
    expect(fitted[1]).toEqual({ type: ComponentType.ActionRow, components: [button('ok')] });
  });

  it('folds texts past the third of a section into the third', () => {
    const fitted = fitLayout([container([section(['1', '2', '3', '4'], button('b'))])]);
    expect(layoutProblems(fitted)).toEqual([]);
    expect((fitted[0] as APIContainerComponent).components[0]).toEqual(
      section(['1', '2', '3\n4'], button('b')),
    );
  });
});
