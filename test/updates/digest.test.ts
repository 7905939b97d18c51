/** The digest, worked out and rendered purely: what changed for a server, and the messages that tell it. */
import { describe, expect, it } from 'vitest';
import { buildDigest, MAX_DIGEST_MESSAGES } from '../../commands/lib/updates-digest.js';
import type { DigestContext, ListChange } from '../../src/contracts/updates.js';
import type { CardStyle, MessagePayload } from '../../src/contracts/payload.js';
import {
  applyChange,
  digestKey,
  followedEntries,
  isEmptyChange,
  listChange,
  listedEntry,
} from '../../src/updates/changes.js';
import { LAYOUT_LIMITS, layoutProblems, layoutTextLength } from '../../commands/lib/layout-limits.js';
import { digestMarker, parseDigestMarker } from '../../src/updates/marker.js';
import { expectValidPayload } from '../commands/helpers.js';
import { entry } from '../support/entry.js';

const DAY = new Date('2026-12-01T10:00:00Z');
const context = (overrides: Partial<DigestContext> = {}): DigestContext => ({
  date: DAY,
  marker: (part, parts) => digestMarker('k1', part, parts),
  ...overrides,
});

const served = [
  entry('etcd', { category: 'Databases', subcategory: 'Key-value', description: 'A distributed KV store.' }),
  entry('tikv', { category: 'Databases', subcategory: 'Key-value' }),
  entry('influx', { category: 'Databases', subcategory: 'Time Series' }),
  entry('raft', { category: 'Consensus' }),
];

/** Every text display of a layout, in order (nested ones included). */
function layoutTexts(components: readonly unknown[]): string[] {
  return components.flatMap((component) => {
    const { content, components: children = [] } = component as { content?: string; components?: unknown[] };
    return [...(content === undefined ? [] : [content]), ...layoutTexts(children)];
  });
}

/** What a member reads: content and embeds, or the layout's text displays. */
function text(message: MessagePayload): string {
  if (message.layout !== undefined) return layoutTexts(message.layout).join('\n');
  return [
    message.content ?? '',
    ...(message.embeds ?? []).map((embed) => `${embed.title}\n${embed.description}`),
  ].join('\n');
}

/** The text that carries the recovery marker: the embed footer, or the layout's closing small text. */
function markerText(message: MessagePayload): string | undefined {
  if (message.layout !== undefined) return layoutTexts(message.layout).at(-1)?.replace(/^-# /, '');
  return message.embeds?.[0]?.footer?.text;
}

/** The list lines of a message: the embed description, or the layout's text under the title. */
function linesOf(message: MessagePayload): string {
  if (message.layout !== undefined) return layoutTexts(message.layout).at(-2) ?? '';
  return message.embeds?.[0]?.description ?? '';
}

/** A digest message as sent: valid for Discord, and pinging nobody unless it is the first with a role. */
function expectSendable(message: MessagePayload): void {
  if (message.layout === undefined) {
    expectValidPayload({ ...message, allowedMentions: { parse: [] } });
    return;
  }
  expect(message.content).toBeUndefined();
  expect(message.embeds).toBeUndefined();
  expect(layoutProblems(message.layout)).toEqual([]);
  expect(layoutTextLength(message.layout)).toBeLessThanOrEqual(LAYOUT_LIMITS.textDisplayTotal);
}

describe('what changed for a server', () => {
  it('follows a category with its sub-categories, a sub-category alone, or the whole list', () => {
    const ids = (category?: string) => followedEntries(served, category).map((listed) => listed.id);
    expect(ids('Databases')).toEqual(['etcd', 'tikv', 'influx']);
    expect(ids('Databases › Time Series')).toEqual(['influx']);
    expect(ids('Consensus')).toEqual(['raft']);
    expect(ids(undefined)).toEqual(['etcd', 'tikv', 'influx', 'raft']);
  });

  it('adds what is served and not announced, removes what is announced and not served, and applies', () => {
    const announced = followedEntries([...served.slice(1), entry('gone')]);
    const change = listChange(announced, followedEntries(served));
    expect(change.added.map((listed) => listed.id)).toEqual(['etcd']);
    expect(change.removed.map((listed) => listed.id)).toEqual(['gone']);
    expect(
      applyChange(announced, change)
        .map((listed) => listed.id)
        .sort(),
    ).toEqual(['etcd', 'influx', 'raft', 'tikv']);
    expect(isEmptyChange(listChange(announced, announced))).toBe(true);
  });

  it('keys a digest by its change and by when the list was last announced', () => {
    const change = listChange([], followedEntries(served));
    expect(digestKey(DAY, change)).toBe(digestKey(new Date(DAY), listChange([], followedEntries(served))));
    expect(digestKey(DAY, change)).not.toBe(digestKey(new Date(DAY.getTime() + 1), change));
    const marker = digestMarker(digestKey(DAY, change), 2, 3);
    expect(parseDigestMarker(`footer · ${marker}`)).toEqual({
      key: digestKey(DAY, change),
      part: 2,
      parts: 3,
    });
  });
});

describe.each<CardStyle>(['embed', 'components'])('the digest messages as %s', (style) => {
  const build = (change: ListChange, overrides: Partial<DigestContext> = {}) =>
    buildDigest(change, context(overrides), style);
  const change: ListChange = {
    added: followedEntries(served.slice(0, 3)),
    removed: [listedEntry(entry('old-db', { name: 'Old DB' }))],
  };

  it('lists the added with link, category and one line, then the removed, and pings nobody', () => {
    const [message, ...rest] = build(change);
    expect(rest).toHaveLength(0);
    expect(message?.allowedMentions).toEqual({ parse: [] });
    expectSendable(message as MessagePayload);
    const body = text(message as MessagePayload);
    expect(body).toContain('3 added, 1 removed');
    expect(body).toContain('List updates — 2026-12-01');
    expect(body).toContain(
      '[etcd](https://github.com/example/etcd) — Databases › Key-value · A distributed KV store.',
    );
    expect(body).toMatch(/\*\*Removed \(1\)\*\*\n• ~~Old DB~~ — Databases/);
    expect(markerText(message as MessagePayload)).toBe(digestMarker('k1', 1, 1));
  });

  it('pings the chosen role, and only it', () => {
    const [message] = build(change, { roleId: '777000000000000001' });
    expect(text(message as MessagePayload)).toMatch(/^<@&777000000000000001> /);
    expect(message?.allowedMentions).toEqual({ parse: [], roles: ['777000000000000001'] });
  });

  it('puts resources apart from projects once entries have a kind', () => {
    const withKinds: ListChange = {
      added: [
        { ...listedEntry(entry('etcd')), kind: 'project' },
        {
          ...listedEntry(entry('ddia', { name: 'Designing Data-Intensive Applications' })),
          kind: 'resource',
        },
      ],
      removed: [],
    };
    const body = text(build(withKinds)[0] as MessagePayload);
    expect(body).toMatch(/\*\*New projects \(1\)\*\*\n• \[etcd\]/);
    expect(body).toMatch(/\*\*New resources \(1\)\*\*\n• \[Designing Data-Intensive Applications\]/);
  });

  it('escapes list text and links only http(s)', () => {
    const hostile = listedEntry(
      entry('evil', { name: '**Evil** @everyone', url: 'javascript:alert(1)', description: '<@123> hi' }),
    );
    const body = text(build({ added: [hostile], removed: [] })[0] as MessagePayload);
    expect(body).not.toContain('javascript:');
    expect(body).toContain('\\*\\*Evil\\*\\*');
    expect(body).not.toMatch(/@everyone/);
  });

  it('splits a big digest into numbered messages within the limits, each with its own marker', () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      listedEntry(entry(`project-${i}`, { description: 'x'.repeat(150) })),
    );
    const messages = build({ added: many, removed: [] }, { roleId: '777000000000000001' });
    expect(messages.length).toBeGreaterThan(1);
    messages.forEach((message, index) => {
      expectSendable(message);
      expect(text(message)).toContain(`List updates — 2026-12-01 (${index + 1}/${messages.length})`);
      expect(markerText(message)).toBe(digestMarker('k1', index + 1, messages.length));
      if (index > 0) expect(message.allowedMentions).toEqual({ parse: [] });
    });
    const all = messages.map(text).join('\n');
    for (const listed of many) expect(all).toContain(`[${listed.name}](`);
  });

  it('ends with "and N more" linking the list when even the last message allowed is full', () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      listedEntry(entry(`p${i}`, { description: 'y'.repeat(150) })),
    );
    const listUrl = 'https://github.com/example/awesome/blob/main/README.md';
    const messages = build({ added: many, removed: [] }, { listUrl });
    expect(messages).toHaveLength(MAX_DIGEST_MESSAGES);
    for (const message of messages) expectSendable(message);
    const shown = messages.map(text).join('\n').match(/^• /gm)?.length ?? 0;
    const last = linesOf(messages.at(-1) as MessagePayload);
    expect(last).toMatch(
      new RegExp(`… and ${400 - shown} more: see \\[the whole list\\]\\(${listUrl}\\)\\.$`),
    );
  });
});
