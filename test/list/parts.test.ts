/**
 * A long list is parsed in parts (src/list/chunks.ts), one syntax tree at a time. What comes out
 * must be exactly what parsing the whole text at once gives: same entries, same lines, same
 * categories, same diagnostics.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitForParsing } from '../../src/list/chunks.js';
import { parseList, type ParseProgress } from '../../src/list/parse.js';
import { fixturePath } from './helpers.js';

/** Parts of one character: the text is cut at every place the cutter allows. */
const inSmallestParts = (markdown: string) => parseList(markdown, { partChars: 1 });
const whole = (markdown: string) => parseList(markdown, { partChars: Number.MAX_SAFE_INTEGER });

describe('parsing a list in parts', () => {
  it.each([
    'awesome-distributed-system-projects.md',
    'upstream-distributed-system-projects.md',
    'awesome-scalability.md',
    'awesome-nodejs.md',
    'lint-errors.md',
  ])('reads %s exactly as it reads it whole', (name) => {
    const markdown = readFileSync(fixturePath(name), 'utf8');
    expect(inSmallestParts(markdown)).toEqual(whole(markdown));
  });

  it('cuts a long list only before headings, and reads every entry with its own line', () => {
    const sections = Array.from({ length: 40 }, (_, s) => {
      const items = Array.from(
        { length: 50 },
        (_, i) => `- [p${s}x${i}](https://github.com/o/p${s}x${i}) - d`,
      );
      return `## Section ${s}\n\n${items.join('\n')}\n`;
    });
    const markdown = `# Long\n\n${sections.join('\n')}`;
    const parts = splitForParsing(markdown, 2_000);
    expect(parts.length).toBeGreaterThan(10);
    for (const part of parts.slice(1)) expect(part.text).toMatch(/^## Section \d+\n/);
    expect(parts.map((part) => part.text).join('')).toBe(markdown);

    const doc = parseList(markdown, { partChars: 2_000 });
    expect(doc.entries).toHaveLength(2_000);
    const lines = markdown.split('\n');
    for (const entry of doc.entries) expect(lines[entry.line - 1]).toContain(`[${entry.name}]`);
    expect(doc.categories.map((category) => category.name)).toEqual(sections.map((_, s) => `Section ${s}`));
  });

  it('does not pair a fence indented in a list item with a later unindented one', () => {
    // Found by the property below: the unindented fence opens a top-level block that holds the heading.
    for (const markdown of ['- [r][ref]\n  ```\n```\n\n## Cat', '- x\n  ```\nfoo\n  ```\n\n## Cat']) {
      expect(inSmallestParts(markdown)).toEqual(whole(markdown));
    }
  });

  it('does not take a fence inside an HTML block that a blank line ends for a fence', () => {
    // `</details>` opens an HTML block that holds the indented ``` line; the next ``` opens code
    // that runs to the end, so `## Cat` is code, not a heading.
    const markdown = '</details>\n  ```\n\n```\n\n## Cat';
    expect(inSmallestParts(markdown)).toEqual(whole(markdown));
    expect(whole(markdown).categories).toEqual([]);
  });

  it('does not cut inside fenced code or an HTML comment, whatever they hold', () => {
    const markdown = [
      '# T',
      '',
      '## A',
      '',
      '```md',
      '',
      '## Not a heading',
      '',
      '- [in code](https://in.example/code)',
      '```',
      '',
      '<!--',
      '',
      '## Commented out',
      '',
      '- [in comment](https://in.example/comment)',
      '-->',
      '',
      '## B',
      '',
      '- [real](https://real.example)',
    ].join('\n');
    const parts = splitForParsing(markdown, 1);
    expect(parts.map((part) => part.text.split('\n')[0])).toEqual(['# T', '## A', '## B']);
    const doc = inSmallestParts(markdown);
    expect(doc.entries.map((entry) => [entry.name, entry.category, entry.line])).toEqual([['real', 'B', 21]]);
    expect(doc).toEqual(whole(markdown));
  });

  it('puts the definitions in front of every part, so that a reference resolves in any part', () => {
    const markdown = `# T\n\n## A\n\n- [a][ref]\n\n## B\n\n- [b][ref]\n\n[ref]: https://x.example/ref\n`;
    const parts = splitForParsing(markdown, 1);
    expect(parts).toHaveLength(3);
    for (const part of parts) expect(part.text).toMatch(/^\[ref\]: https:\/\/x\.example\/ref\n\n/);
    const doc = inSmallestParts(markdown);
    expect(doc.entries.map((entry) => [entry.name, entry.url, entry.line])).toEqual([
      ['a', 'https://x.example/ref', 5],
      ['b', 'https://x.example/ref', 9],
    ]);
    expect(doc).toEqual(whole(markdown));
  });

  it('takes the first definition of a label, as CommonMark does, in parts and whole', () => {
    const markdown = `## A\n\n- [a][ref]\n\n[ref]: https://first.example\n\n## B\n\n[ref]: https://second.example\n`;
    expect(whole(markdown).entries[0]?.url).toBe('https://first.example');
    expect(inSmallestParts(markdown)).toEqual(whole(markdown));
  });

  it('reads a text in one part when a definition may not stand alone', () => {
    const inQuote = `# T\n\n## A\n\n- [a][ref]\n\n## B\n\n> [ref]: https://x.example/ref\n`;
    const inCode = `# T\n\n## A\n\n- \`\`\`\n\n  [ref]: https://x.example/ref\n  \`\`\`\n\n## B\n\n- [b][ref]\n`;
    for (const markdown of [inQuote, inCode]) {
      expect(splitForParsing(markdown, 1)).toHaveLength(1);
      expect(inSmallestParts(markdown)).toEqual(whole(markdown));
    }
  });

  it('reports progress after each part, up to the whole text', () => {
    const markdown = readFileSync(fixturePath('awesome-scalability.md'), 'utf8');
    const seen: ParseProgress[] = [];
    parseList(markdown, { partChars: 10_000, onProgress: (progress) => seen.push(progress) });
    expect(seen.length).toBeGreaterThan(5);
    const read = seen.map((progress) => progress.readChars);
    expect(read).toEqual([...read].sort((a, b) => a - b));
    expect(seen.at(-1)).toEqual({ readChars: seen.at(-1)?.totalChars, totalChars: expect.any(Number) });
  });
});

const line = fc.oneof(
  fc.constantFrom(
    '',
    '',
    '',
    '# Title',
    '## Cat',
    '### Sub',
    '## Contents',
    '## License',
    '- Group',
    '  - nested',
    '> quote',
    '> ## quoted heading',
    '```',
    '~~~',
    '````md',
    '<!--',
    '-->',
    '<!-- one line -->',
    '<details>',
    '</details>',
    '<pre>',
    '</pre>',
    '<div>',
    '|a|b|',
    '|-|-|',
    'Setext',
    '===',
    '    indented code',
    '- [Table of contents](#cat)',
    '- [x](https://github.com/o/x) - d',
    '* (Go) [y - desc [Raft]](https://github.com/o/y)',
    '1. [z](https://z.example/) note',
    '  - [nested](https://github.com/o/n)',
    '- [dup](https://github.com/o/x)',
    '- no link here',
    '[ref]: https://github.com/o/ref',
    '[Ref]: https://ref.example/2 "title"',
    '  [other]: <https://other.example>',
    '[ref]:',
    '"title"',
    '> [ref]: https://quoted.example',
    '- [r][ref]',
    '* [o][other] - desc',
    '- ```',
    '  ```',
    '- <!--',
  ),
  fc.string({ maxLength: 20 }),
);

/** Whole blocks, mostly well-formed, so that many texts have places to cut. */
const block = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('## Cat', '### Sub', '# Title', '## Contents', '## License') },
  { weight: 6, arbitrary: fc.array(line, { minLength: 1, maxLength: 6 }).map((lines) => lines.join('\n')) },
  {
    weight: 1,
    arbitrary: fc.array(line, { maxLength: 4 }).map((lines) => ['```', ...lines, '```'].join('\n')),
  },
  {
    weight: 1,
    arbitrary: fc.array(line, { maxLength: 4 }).map((lines) => ['<!--', ...lines, '-->'].join('\n')),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '[ref]: https://github.com/o/ref',
      '[other]: https://other.example\n[ref]: https://second.example',
    ),
  },
);

describe('properties', () => {
  it('parsing in parts gives exactly what parsing whole gives, on any line-shaped markdown', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), (lines) => {
        const markdown = lines.join('\n');
        expect(inSmallestParts(markdown)).toEqual(whole(markdown));
      }),
      { numRuns: 300 },
    );
  });

  it('parsing in parts gives exactly what parsing whole gives, on markdown made of blocks', () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 25 }), fc.boolean(), (blocks, blankBetween) => {
        const markdown = blocks.join(blankBetween ? '\n\n' : '\n');
        expect(inSmallestParts(markdown)).toEqual(whole(markdown));
      }),
      { numRuns: 400 },
    );
  });
});
