import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseList } from '../../src/list/index.js';
import type { ListDocument } from '../../src/list/index.js';

/** Lines as CommonMark counts them: `\r\n`, `\r` and `\n` each end one. */
function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

function expectWellFormed(doc: ListDocument, input: string): void {
  const lines = Math.max(1, lineCount(input));
  expect(new Set(doc.entries.map((e) => e.id)).size).toBe(doc.entries.length);
  for (const entry of doc.entries) {
    expect(entry.url).toMatch(/^https?:\/\//i);
    expect(entry.line).toBeGreaterThanOrEqual(1);
    expect(entry.line).toBeLessThanOrEqual(lines);
  }
  for (const d of doc.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines);
  }
}

describe('hostile input', () => {
  it('reads an empty file as an empty list', () => {
    const doc = parseList('');
    expect(doc).toMatchObject({ title: 'Untitled', entries: [], categories: [] });
    expect(doc.diagnostics.map((d) => d.rule)).toEqual(['empty-list']);
  });

  it('survives 10,000 levels of > nesting on one line and across lines', () => {
    const oneLine = `${'>'.repeat(10_000)} - [x](https://x.example)`;
    expect(parseList(oneLine).diagnostics.map((d) => d.rule)).toContain('nesting-too-deep');
    const manyLines = Array.from({ length: 2_000 }, (_, i) => `${'>'.repeat(i + 1)} x`).join('\n');
    expect(parseList(manyLines).diagnostics.map((d) => d.rule)).toContain('nesting-too-deep');
  });

  // The whole text is parsed (no first-million-characters cut): every line past the guard's 64
  // columns still nests 32 lists deep in micromark, about 1.5 ms a line here, so 2,000 levels.
  it('survives 2,000 levels of list nesting and still reads the shallow entries', () => {
    const deep = Array.from(
      { length: 2_000 },
      (_, i) => `${'  '.repeat(i)}- [x${i}](https://x.example/${i})`,
    );
    const doc = parseList(deep.join('\n'));
    expect(doc.entries[0]).toMatchObject({ name: 'x0', line: 1 });
    expect(doc.entries.length).toBeGreaterThan(10);
    expect(doc.diagnostics.map((d) => d.rule)).toContain('nesting-too-deep');
    expectWellFormed(doc, deep.join('\n'));
  });

  it('survives 10,000 list markers on one line', () => {
    const doc = parseList(`${'- '.repeat(10_000)}[deep](https://deep.example)`);
    expect(doc.entries.map((e) => e.name)).toEqual(['deep']);
  });

  it('reads binary junk and NUL bytes without throwing and says so', () => {
    const junk = '\u0000\u0001\u0002\uFFFF\uD800 binary'.repeat(1_000) + '\n- [x](https://x.example)';
    const doc = parseList(junk);
    expect(doc.entries.map((e) => e.name)).toEqual(['x']);
    expect(doc.diagnostics.map((d) => d.rule)).toContain('binary-input');
  });

  it('reads unclosed brackets as text (a bare URL is still a GFM autolink)', () => {
    const doc = parseList('- [unclosed](https://x.example\n- [ok](https://ok.example) - fine\n- [dangling');
    expect(doc.entries.map((e) => [e.name, e.url])).toEqual([
      ['x.example', 'https://x.example'],
      ['ok', 'https://ok.example'],
    ]);
  });

  it('defuses floods of emphasis and brackets', () => {
    const flood = `- ${'*a_['.repeat(20_000)}`;
    const doc = parseList(flood);
    expect(doc.diagnostics.map((d) => d.rule)).toContain('nesting-too-deep');
  });

  it('treats a non-string argument as empty input', () => {
    expect(parseList(undefined as unknown as string).entries).toEqual([]);
  });
});

const listLine = fc.oneof(
  fc.constantFrom(
    '',
    '# Title',
    '## Cat',
    '### Sub',
    '- Group',
    '  - nested',
    '> quote',
    '```',
    '<div>',
    '|a|b|',
  ),
  fc
    .tuple(
      fc.constantFrom('', '  ', '\t', '    '),
      fc.constantFrom('- ', '* ', '1. ', ''),
      fc.constantFrom('', '(Golang) ', '(C)', '[(JS) '),
      fc.string({ maxLength: 20 }),
      fc.constantFrom(
        'https://github.com/o/r',
        'http://x.example/',
        'javascript:alert(1)',
        '#anchor',
        'rel.md',
        '',
      ),
      fc.constantFrom(')', ') - desc [Raft + gRPC]', '). note', ''),
    )
    .map(([indent, marker, prefix, text, url, tail]) => `${indent}${marker}${prefix}[${text}](${url}${tail}`),
  fc.string({ maxLength: 40 }),
);

describe('properties', () => {
  it('never throws on arbitrary strings and yields well-formed documents', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400, unit: 'binary' }), (input) => {
        expectWellFormed(parseList(input), input);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on list-shaped markdown with junk, and ids stay unique', () => {
    fc.assert(
      fc.property(fc.array(listLine, { maxLength: 40 }), (lines) => {
        const input = lines.join('\n');
        const doc = parseList(input);
        expectWellFormed(doc, input);
        expect(doc.entries.every((e) => !/^(javascript|ftp):/i.test(e.url))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('counts every well-formed item exactly once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,15}$/), { minLength: 1, maxLength: 30 }),
        (names) => {
          const input = names
            .map((name, i) => `- [${name.trim() || 'x'}](https://example.com/${i}) - d`)
            .join('\n');
          const doc = parseList(input);
          expect(doc.entries).toHaveLength(names.length);
          expect(doc.entries.map((e) => e.line)).toEqual(names.map((_, i) => i + 1));
        },
      ),
      { numRuns: 100 },
    );
  });
});
