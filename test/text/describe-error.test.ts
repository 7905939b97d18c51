import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/text/describe-error.js';

describe('describeError', () => {
  it('gives an error’s message, and any other thrown value as a string', () => {
    expect(describeError(new TypeError('bad input'))).toBe('bad input');
    expect(describeError('plain text')).toBe('plain text');
    expect(describeError(42)).toBe('42');
    expect(describeError(undefined)).toBe('undefined');
  });
});
