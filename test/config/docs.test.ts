/** The configuration reference, the README's table and .env.example are generated from one schema. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VARIABLES } from '../../src/config/schema.js';
import { configurationTable, envExample, readmeConfigurationTable } from '../../src/config/index.js';
import { textBetweenMarkers } from '../../tools/markers.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const REGENERATE = 'run `npm run docs:config` to regenerate it';

describe('configuration documentation', () => {
  it('docs/configuration.md has the table generated from the schema', () => {
    expect(textBetweenMarkers(read('docs/configuration.md'), 'config-table'), REGENERATE).toBe(
      configurationTable(),
    );
  });

  it('the README describes every variable, DISCORD_TOKEN included, as docs/configuration.md does', () => {
    const table = textBetweenMarkers(read('README.md'), 'config-table');
    expect(table, REGENERATE).toBe(readmeConfigurationTable());
    const tokenRow = (text: string) => text.split('\n').find((line) => line.startsWith('| `DISCORD_TOKEN`'));
    const description = (row: string | undefined) => row?.split(' | ').at(-1);
    expect(description(tokenRow(table ?? ''))).toBe(description(tokenRow(configurationTable())));
  });

  it('.env.example is the generated one', () => {
    expect(read('.env.example'), REGENERATE).toBe(envExample());
  });

  it('no example points at the port dsp itself listens on by default', () => {
    const ownPort = VARIABLES.HTTP_PORT.defaultText;
    const examples = Object.values(VARIABLES)
      .filter((spec) => spec.name !== 'HTTP_PORT')
      .map((spec) => spec.example);
    expect(examples.filter((example) => example.includes(`:${ownPort}`))).toEqual([]);
  });
});
