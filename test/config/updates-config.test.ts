import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';

describe('UPDATES_MIN_INTERVAL', () => {
  it('defaults to one hour, in milliseconds', () => {
    const loaded = loadConfig({});
    expect(loaded.ok && loaded.config.UPDATES_MIN_INTERVAL).toBe(3_600_000);
  });

  it('takes a duration and refuses zero or nonsense', () => {
    const loaded = loadConfig({ UPDATES_MIN_INTERVAL: '30m' });
    expect(loaded.ok && loaded.config.UPDATES_MIN_INTERVAL).toBe(1_800_000);
    for (const bad of ['0', 'soon']) {
      const refused = loadConfig({ UPDATES_MIN_INTERVAL: bad });
      expect(refused.ok).toBe(false);
      expect(!refused.ok && refused.problems.join('\n')).toMatch(/UPDATES_MIN_INTERVAL.*above zero/);
    }
  });

  it('is documented in .env.example, docs/configuration.md and the README', () => {
    for (const file of ['.env.example', 'docs/configuration.md', 'README.md']) {
      expect(readFileSync(file, 'utf8'), file).toContain('UPDATES_MIN_INTERVAL');
    }
  });
});
