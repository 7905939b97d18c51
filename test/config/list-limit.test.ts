import { describe, expect, it } from 'vitest';
import { listMaxBytes, loadConfig, MAX_LIST_MAX_BYTES } from '../../src/config/index.js';

describe('LIST_MAX_BYTES, the one limit on a list', () => {
  it('defaults to 5 MB, for the bot and the CLI alike', () => {
    const bot = loadConfig({});
    expect(bot.ok && bot.config.LIST_MAX_BYTES).toBe(5 * 1024 * 1024);
    expect(listMaxBytes({})).toEqual({ ok: true, bytes: 5 * 1024 * 1024 });
    expect(listMaxBytes({ LIST_MAX_BYTES: '512KB' })).toEqual({ ok: true, bytes: 512 * 1024 });
  });

  it.each(['0', 'lots', '-1MB', '65MB', '5GB'])(
    'refuses %s, naming the variable, the rule and an example',
    (value) => {
      const result = listMaxBytes({ LIST_MAX_BYTES: value });
      expect(result.ok).toBe(false);
      const problem = result.ok ? '' : result.problem;
      expect(problem).toMatch(
        /^LIST_MAX_BYTES: must be a size .* at most 64MB .*example: LIST_MAX_BYTES=5MB$/,
      );
      const bot = loadConfig({ LIST_MAX_BYTES: value });
      expect(bot.ok ? [] : bot.problems).toEqual([problem]);
    },
  );

  it('accepts the largest allowed size', () => {
    expect(listMaxBytes({ LIST_MAX_BYTES: '64MB' })).toEqual({ ok: true, bytes: MAX_LIST_MAX_BYTES });
  });
});
