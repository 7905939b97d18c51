import { describe, expect, it } from 'vitest';
import { MAX_SUGGESTION_CHARS } from '../../src/search/text.js';
import { truncate } from '../../src/text/truncate.js';

describe('truncate', () => {
  it('keeps short text and cuts long text with an ellipsis', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('abcdefghijkl', 5)).toBe('abcd…');
    expect(truncate('abcdefghijkl', 5)).toHaveLength(5);
  });

  it('never splits a surrogate pair or leaves a dangling escape', () => {
    const cut = truncate('ab😀cd', 4);
    expect(cut).toBe('ab…');
    expect(truncate('abc\\*def', 5)).toBe('abc…');
  });

  it('truncates suggestions to 100 UTF-16 units with an ellipsis, never splitting an emoji', () => {
    expect(truncate('short', MAX_SUGGESTION_CHARS)).toBe('short');
    const long = truncate('x'.repeat(150), MAX_SUGGESTION_CHARS);
    expect(long).toHaveLength(100);
    expect(long.endsWith('…')).toBe(true);
    const emoji = truncate(`${'a'.repeat(98)}🚀🚀🚀`, MAX_SUGGESTION_CHARS);
    expect(emoji.length).toBeLessThanOrEqual(100);
    expect(emoji).toBe(`${'a'.repeat(98)}…`);
  });

  it('drops the space a cut leaves before the ellipsis', () => {
    expect(truncate('héllo wörld', 6)).toBe('héllo…');
    expect(truncate('héllo wörld', 7)).toBe('héllo…');
  });

  it('gives nothing for no room, and only the ellipsis for room of one', () => {
    expect(truncate('abc', 0)).toBe('');
    expect(truncate('abc', 1)).toBe('…');
    expect(truncate('abc', Infinity)).toBe('abc');
  });
});
