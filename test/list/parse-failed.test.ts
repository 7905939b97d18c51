/** A markdown parser failure is reported as such, not as nesting that was too deep. */
import { describe, expect, it, vi } from 'vitest';
import { parseList } from '../../src/list/parse.js';

vi.mock('remark-parse', () => ({
  default: function failingParser(this: { parser: () => never }) {
    this.parser = () => {
      throw new Error('parser exploded');
    };
  },
}));

describe('a parser failure', () => {
  it('is an error diagnostic of its own, parse-failed, and leaves an empty list', () => {
    const doc = parseList('# List\n\n## Queues\n\n- [nsq](https://github.com/nsqio/nsq)\n');
    expect(doc.entries).toEqual([]);
    const failed = doc.diagnostics.find((d) => d.rule === 'parse-failed');
    expect(failed).toMatchObject({
      level: 'error',
      line: 1,
      message: 'markdown could not be parsed: parser exploded',
    });
    expect(doc.diagnostics.map((d) => d.rule)).not.toContain('nesting-too-deep');
  });
});
