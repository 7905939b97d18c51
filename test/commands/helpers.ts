/** Shared fixtures for the command tests: real catalogs, fixed services, payload checks. */
import { readFileSync } from 'node:fs';
import type { APIEmbed } from 'discord-api-types/v10';
import { ComponentType } from 'discord-api-types/v10';
import { expect } from 'vitest';
import type {
  AutocompleteInput,
  CommandInput,
  ComponentInput,
  InvocationContext,
  OptionValue,
} from '../../commands/types.js';
import type { Catalog } from '../../src/contracts/catalog.js';
import type { CommandServices } from '../../src/contracts/services.js';
import type { MessagePayload } from '../../src/contracts/payload.js';
import type { RecentPicks } from '../../src/search/recent-picks.js';
import { decodeCustomId } from '../../commands/lib/custom-id.js';
import { LIMITS, embedTextLength } from '../../commands/lib/limits.js';
import { parseList } from '../../src/list/parse.js';
import type { ListDocument } from '../../src/list/types.js';
import { ProjectIndex } from '../../src/search/index.js';
import { entry } from '../support/entry.js';
import { seededRng } from '../support/random.js';

export const SHIPPED_LIST = 'data/awesome-distributed-system-projects.md';
export const UPSTREAM_LIST = 'test/fixtures/upstream-distributed-system-projects.md';
export const NOW = new Date('2026-11-26T12:00:00Z');
export const LOADED_AT = new Date('2026-11-26T09:30:00Z');

export async function parseFile(path: string): Promise<ListDocument> {
  return parseList(readFileSync(path, 'utf8'));
}

export function catalogOf(doc: ListDocument, source = SHIPPED_LIST): Catalog {
  return { doc, index: ProjectIndex.build(doc), source, loadedAt: LOADED_AT };
}

export async function shippedCatalog(): Promise<Catalog> {
  return catalogOf(await parseFile(SHIPPED_LIST));
}

/** Keeps every pick, oldest first, as the RecentPicks contract describes. */
export class MemoryPicks implements RecentPicks {
  readonly byKey = new Map<string, string[]>();
  recent(channelKey: string): readonly string[] {
    return this.byKey.get(channelKey) ?? [];
  }
  remember(channelKey: string, entryId: string): void {
    this.byKey.set(channelKey, [...this.recent(channelKey), entryId]);
  }
}

export interface TestServices extends CommandServices {
  recentPicks: MemoryPicks;
  swap(catalog: Catalog): void;
}

export function servicesFor(initial: Catalog, seed = 42): TestServices {
  let current = initial;
  return {
    catalog: () => current,
    now: () => NOW,
    rng: seededRng(seed),
    recentPicks: new MemoryPicks(),
    version: '0.1.0-test',
    swap(catalog) {
      current = catalog;
    },
  };
}

export const GUILD_CONTEXT = { userId: '100', guildId: '200', channelId: '300' };

export function commandInput(
  options: Record<string, OptionValue | undefined>,
  context: InvocationContext = GUILD_CONTEXT,
): CommandInput {
  return { ...context, options };
}

export function autocompleteInput(
  focused: string,
  value: string,
  options: Record<string, OptionValue | undefined> = {},
): AutocompleteInput {
  return { ...GUILD_CONTEXT, focused, value, options: { ...options, [focused]: value } };
}

export function componentInput(
  customId: string,
  values: string[] = [],
  context: InvocationContext = GUILD_CONTEXT,
): ComponentInput {
  return { ...context, customId, values };
}

export function customIds(payload: MessagePayload): string[] {
  return (payload.components ?? []).flatMap((row) =>
    row.components.flatMap((component) => ('custom_id' in component ? [component.custom_id] : [])),
  );
}

/** The custom id of the button with this label. */
export function buttonId(payload: MessagePayload, label: string): string {
  for (const row of payload.components ?? []) {
    for (const component of row.components) {
      if (component.type === ComponentType.Button && 'custom_id' in component && component.label === label) {
        return component.custom_id;
      }
    }
  }
  throw new Error(`No button labelled ${label}`);
}

export function isButtonDisabled(payload: MessagePayload, label: string): boolean {
  for (const row of payload.components ?? []) {
    for (const component of row.components) {
      if (component.type === ComponentType.Button && 'label' in component && component.label === label) {
        return component.disabled === true;
      }
    }
  }
  throw new Error(`No button labelled ${label}`);
}

export function firstEmbed(payload: MessagePayload): APIEmbed {
  const embed = payload.embeds?.[0];
  if (embed === undefined) throw new Error(`Expected an embed, got ${JSON.stringify(payload)}`);
  return embed;
}

/** All text a user can read in the payload. */
export function visibleText(payload: MessagePayload): string {
  const embeds = (payload.embeds ?? []).map((embed) =>
    [
      embed.title,
      embed.description,
      ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]),
      embed.footer?.text,
    ].join('\n'),
  );
  return [payload.content ?? '', ...embeds].join('\n');
}

/** Everything Discord would reject, and the no-pings guarantee, for any payload dsp sends. */
export function expectValidPayload(payload: MessagePayload): void {
  expect(payload.allowedMentions).toEqual({ parse: [] });
  expect(
    (payload.content?.length ?? 0) + (payload.embeds?.length ?? 0) + (payload.components?.length ?? 0),
  ).toBeGreaterThan(0);
  expect(payload.content?.length ?? 0).toBeLessThanOrEqual(LIMITS.messageContent);
  let total = 0;
  for (const embed of payload.embeds ?? []) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedFields);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
      expect(field.value.length).toBeGreaterThan(0);
    }
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footerText);
    total += embedTextLength(embed);
  }
  expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
  expect(payload.components?.length ?? 0).toBeLessThanOrEqual(LIMITS.actionRows);
  for (const row of payload.components ?? []) {
    expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    for (const component of row.components) {
      if (component.type === ComponentType.StringSelect) {
        expect(row.components).toHaveLength(1);
        expect(component.options.length).toBeLessThanOrEqual(LIMITS.selectOptions);
        for (const option of component.options) {
          expect(option.label.length).toBeLessThanOrEqual(LIMITS.selectOptionLabel);
          expect(option.value.length).toBeLessThanOrEqual(LIMITS.selectOptionValue);
          expect(option.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.selectOptionDescription);
        }
      }
    }
  }
  const ids = customIds(payload);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) {
    expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
    expect(decodeCustomId(id), id).toBeDefined();
  }
}

export const HOSTILE_DESCRIPTION =
  '@everyone **bold** `code` [x](javascript:alert(1)) <@123> @here ~~s~~ ||spoiler||';

/**
 * A crafted list: hostile text in one category, and a 100-entry category of long descriptions
 * split into two sub-categories.
 */
export function craftedDocument(): ListDocument {
  const hostile = [
    entry('evil-one', {
      name: '**Evil** @everyone',
      url: 'https://github.com/evil/one',
      repo: 'evil/one',
      language: 'Go',
      description: HOSTILE_DESCRIPTION,
      note: '> quoted # heading -# sub',
      tags: ['Raft', '<@&42>'],
      category: 'Hostile',
      line: 3,
    }),
    entry('evil-two', {
      name: 'Linkless [x](javascript:alert(1))',
      url: 'javascript:alert(1)',
      description: '# heading\n-# subtext\n> quote',
      category: 'Hostile',
      archived: true,
      line: 4,
    }),
  ];
  const long = Array.from({ length: 100 }, (_, i) =>
    entry(`long-${i}`, {
      name: `Long project ${i} ${'n'.repeat(150)}`,
      language: i % 2 === 0 ? 'Rust' : 'Java',
      description: `Distributed consensus storage ${i} ${'lorem ipsum dolor sit amet '.repeat(40)}`,
      tags: ['Raft', `T${i}`],
      category: 'Big',
      subcategory: i < 60 ? 'Big One' : 'Big Two',
      line: 10 + i,
    }),
  );
  return {
    title: 'Crafted **List** @everyone',
    categories: [
      { name: 'Hostile', depth: 2, line: 2, entryCount: 2 },
      { name: 'Big', depth: 2, line: 8, entryCount: 0 },
      { name: 'Big One', depth: 3, parent: 'Big', line: 9, entryCount: 60 },
      { name: 'Big Two', depth: 3, parent: 'Big', line: 70, entryCount: 40 },
    ],
    entries: [...hostile, ...long],
    diagnostics: [],
  };
}
