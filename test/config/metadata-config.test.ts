import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig, secretsOf } from '../../src/config/index.js';

const METADATA_VARIABLES = [
  'GITHUB_TOKEN',
  'GITHUB_API_URL',
  'ENRICH',
  'ENRICH_REFRESH',
  'HEALTH_INACTIVE_AFTER',
  'LINK_CHECK',
  'LINK_CHECK_ALLOW_PRIVATE',
];

describe('metadata settings', () => {
  it('default to GitHub, on, refreshed daily, inactive after 730 days, links checked, private addresses refused', () => {
    const result = loadConfig({});
    expect(result.ok && result.config).toMatchObject({
      GITHUB_API_URL: 'https://api.github.com',
      ENRICH: true,
      ENRICH_REFRESH: 24 * 3_600_000,
      HEALTH_INACTIVE_AFTER: 730 * 86_400_000,
      LINK_CHECK: true,
      LINK_CHECK_ALLOW_PRIVATE: false,
    });
  });

  it('reports bad values all at once and never echoes the token', () => {
    const result = loadConfig({
      GITHUB_TOKEN: 'Bearer ghp_secret123',
      GITHUB_API_URL: 'ftp://github',
      ENRICH: 'sometimes',
      ENRICH_REFRESH: '0',
      LINK_CHECK_ALLOW_PRIVATE: 'maybe',
    });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems.map((line) => line.split(':')[0])).toEqual([
      'GITHUB_TOKEN',
      'GITHUB_API_URL',
      'ENRICH',
      'ENRICH_REFRESH',
      'LINK_CHECK_ALLOW_PRIVATE',
    ]);
    expect(problems.join('\n')).not.toContain('ghp_secret123');
  });

  it('lists the GitHub token among the secrets the logger scrubs', () => {
    expect(secretsOf({ GITHUB_TOKEN: 'ghp_abc' })).toEqual(['ghp_abc']);
  });

  it.each(METADATA_VARIABLES)(
    '%s is documented in .env.example, docs/configuration.md and the README',
    (name) => {
      for (const file of ['.env.example', 'docs/configuration.md', 'README.md']) {
        expect(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'), file).toContain(name);
      }
    },
  );
});
