/**
 * `npm run docs:config`: writes the configuration tables generated from src/config/schema.ts into
 * docs/configuration.md and README.md (between the config-table markers) and writes .env.example.
 * test/config/docs.test.ts fails when they are out of step.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configurationTable, envExample, readmeConfigurationTable } from '../src/config/index.js';
import { replaceBetweenMarkers } from './markers.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const update = (path: string, table: string) => {
  const file = join(root, path);
  writeFileSync(file, replaceBetweenMarkers(readFileSync(file, 'utf8'), 'config-table', table));
};
update('docs/configuration.md', configurationTable());
update('README.md', readmeConfigurationTable());
writeFileSync(join(root, '.env.example'), envExample());
