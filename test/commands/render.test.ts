import { describe, expect, it } from 'vitest';
import { decodeCustomId } from '../../commands/lib/custom-id.js';
import {
  clampPage,
  hitLine,
  pageFooter,
  paginationRow,
  projectEmbed,
  renderProjectCard,
} from '../../commands/lib/render.js';
import { HOSTILE_DESCRIPTION, buttonId, expectValidPayload, isButtonDisabled } from './helpers.js';
import { entry } from '../support/entry.js';

const etcd = entry('etcd-io-etcd', {
  name: 'etcd',
  url: 'https://github.com/etcd-io/etcd',
  repo: 'etcd-io/etcd',
  language: 'Go',
  description: 'distributed reliable key-value store',
  tags: ['Raft', 'gRPC'],
  category: 'Locking',
});

describe('list lines', () => {
  it('shows link, language, category and tags, then the description', () => {
    expect(hitLine(etcd)).toBe(
      '**[etcd](https://github.com/etcd-io/etcd)** — Go · Locking · Raft, gRPC\ndistributed reliable key-value store',
    );
  });

  it('marks archived projects and leaves out what the list does not say', () => {
    const archived = entry('x', {
      name: 'oklog',
      category: 'Databases',
      subcategory: 'Logs',
      archived: true,
    });
    expect(hitLine(archived)).toBe(
      '**[oklog](https://github.com/example/x)** *(archived)* — Databases › Logs',
    );
  });

  it('never links a non-http URL', () => {
    const hostile = entry('h', {
      name: 'bad',
      url: 'javascript:alert(1)',
      description: HOSTILE_DESCRIPTION,
      category: 'C',
    });
    expect(hitLine(hostile)).not.toMatch(/(^|[^\\])\]\(/);
    expect(hitLine(hostile)).toMatch(/^\*\*bad\*\* — C\n/);
  });
});

describe('pagination', () => {
  it('footer and buttons: Previous disabled on the first page, Next on the last', () => {
    expect(pageFooter(2, 3, 12)).toBe('Page 2/3 · 12 projects');
    expect(pageFooter(1, 1, 1)).toBe('Page 1/1 · 1 project');
    const first = {
      components: [paginationRow('search', { q: 'raft' }, 1, 3)],
      allowedMentions: { parse: [] as [] },
    };
    expect(isButtonDisabled(first, 'Previous')).toBe(true);
    expect(decodeCustomId(buttonId(first, 'Next'))?.state).toEqual({ q: 'raft', p: '2' });
    const last = {
      components: [paginationRow('search', { q: 'raft' }, 3, 3)],
      allowedMentions: { parse: [] as [] },
    };
    expect(isButtonDisabled(last, 'Next')).toBe(true);
    expect(decodeCustomId(buttonId(last, 'Previous'))?.state['p']).toBe('2');
  });

  it('clamps out-of-range pages', () => {
    expect(clampPage(0, 3)).toBe(1);
    expect(clampPage(9, 3)).toBe(3);
    expect(clampPage(Number.NaN, 3)).toBe(1);
    expect(clampPage(2, 0)).toBe(1);
  });
});

describe('project card', () => {
  it('has the card and a More like this button for the project module', () => {
    const card = renderProjectCard(etcd, { similar: [] });
    expectValidPayload(card);
    expect(decodeCustomId(buttonId(card, 'More like this'))).toEqual({
      prefix: 'project',
      state: { s: 'etcd-io-etcd' },
      shortened: new Set(),
    });
  });

  it('files a grouped project under its category and groups', () => {
    const grouped = entry('p', {
      name: 'p-map',
      category: 'Packages',
      subcategory: 'Control flow',
      group: ['Promises'],
    });
    const category = projectEmbed(grouped).fields?.find((field) => field.name === 'Category');
    expect(category?.value).toBe('Packages › Control flow › Promises');
  });

  it('puts the archived warning first and greys the card', () => {
    const embed = projectEmbed({ ...etcd, archived: true });
    expect(embed.fields?.[0]?.name).toBe('⚠️ Archived');
    expect(embed.color).toBe(0x99aab5);
  });

  it('has no link for a non-http URL and keeps every limit with huge texts', () => {
    const huge = entry('huge', {
      name: 'n'.repeat(400),
      url: 'ftp://example.com',
      description: 'd'.repeat(5000),
      note: 'n'.repeat(3000),
      tags: Array.from({ length: 300 }, (_, i) => `tag${i}`),
      category: 'c'.repeat(300),
      subcategory: 's'.repeat(300),
    });
    const card = renderProjectCard(huge, {
      similar: Array.from({ length: 3 }, () => huge),
      footer: 'f'.repeat(3000),
    });
    expectValidPayload(card);
    expect(card.embeds?.[0]?.url).toBeUndefined();
  });
});
