import type { APIEmbed } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import {
  LIMITS,
  embedTextLength,
  fitChoices,
  fitEmbed,
  fitSelectOptions,
  joinLinesWithin,
} from '../../commands/lib/limits.js';

function expectWithinEmbedLimits(embed: APIEmbed): void {
  expect(embed.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedTitle);
  expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
  expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedFields);
  for (const field of embed.fields ?? []) {
    expect(field.name.length).toBeGreaterThan(0);
    expect(field.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
    expect(field.value.length).toBeGreaterThan(0);
    expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
  }
  expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footerText);
  expect(embed.author?.name.length ?? 0).toBeLessThanOrEqual(LIMITS.authorName);
  expect(embedTextLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
}

describe('joinLinesWithin', () => {
  it('drops whole lines and says how many were left out', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `line ${i} ${'x'.repeat(20)}`);
    const joined = joinLinesWithin(lines, 200);
    expect(joined.length).toBeLessThanOrEqual(200);
    expect(joined).toMatch(/… and \d+ more$/);
    for (const line of joined.split('\n').slice(0, -1)) expect(lines).toContain(line);
  });
});

it('joinLinesWithin shows the beginning of a first line that alone is too long', () => {
  const joined = joinLinesWithin(['x'.repeat(500), 'second', 'third'], 100);
  expect(joined.length).toBeLessThanOrEqual(100);
  expect(joined).toMatch(/^x+…\n… and 2 more$/);
  expect(joinLinesWithin(['y'.repeat(500)], 100)).toBe(`${'y'.repeat(99)}…`);
});

describe('fitEmbed', () => {
  it('enforces every embed limit on an oversized embed', () => {
    const huge: APIEmbed = {
      title: 't'.repeat(1000),
      description: 'd'.repeat(10_000),
      fields: Array.from({ length: 40 }, (_, i) => ({ name: `n${i}`.repeat(200), value: 'v'.repeat(5000) })),
      footer: { text: 'f'.repeat(5000) },
      author: { name: 'a'.repeat(1000) },
    };
    const fitted = fitEmbed(huge);
    expectWithinEmbedLimits(fitted);
    expect(fitted.title?.endsWith('…')).toBe(true);
  });

  it('cuts fields, then the description, when only the total is over', () => {
    const embed: APIEmbed = {
      description: 'd'.repeat(4000),
      fields: Array.from({ length: 5 }, () => ({ name: 'name', value: 'v'.repeat(1000) })),
    };
    const fitted = fitEmbed(embed);
    expectWithinEmbedLimits(fitted);
    expect(fitted.fields?.length).toBeLessThan(5);
    expect(fitted.description).toBe(embed.description);
  });

  it('leaves a small embed untouched', () => {
    const embed: APIEmbed = {
      title: 'etcd',
      description: 'kv store',
      fields: [{ name: 'Language', value: 'Go' }],
    };
    expect(fitEmbed(embed)).toEqual(embed);
  });
});

describe('choices and select options', () => {
  it('keeps at most 25 choices with names and values of at most 100 characters', () => {
    const choices = Array.from({ length: 40 }, (_, i) => ({ name: `${i}`.repeat(150), value: `v${i}` }));
    choices.push({ name: 'too long value', value: 'x'.repeat(101) });
    const fitted = fitChoices(choices);
    expect(fitted).toHaveLength(25);
    for (const choice of fitted) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
    expect(fitChoices([{ name: 'x', value: 'y'.repeat(101) }])).toEqual([]);
  });

  it('keeps at most 25 select options with short labels and descriptions', () => {
    const options = Array.from({ length: 30 }, (_, i) => ({
      label: 'l'.repeat(120),
      value: `v${i}`,
      description: 'd'.repeat(120),
    }));
    const fitted = fitSelectOptions(options);
    expect(fitted).toHaveLength(25);
    for (const option of fitted) {
      expect(option.label.length).toBeLessThanOrEqual(100);
      expect(option.description?.length ?? 0).toBeLessThanOrEqual(100);
    }
  });
});
