/**
 * Made-up but stable facts for any repository a GitHub stand-in was not given (`invent: true`), so
 * the playground shows stars, last pushes and health markers for whatever list it serves without
 * the network. The same name always gets the same facts; about one in 29 is "deleted" (404) and
 * one in 17 archived, so the markers show up too.
 */
import { createHash } from 'node:crypto';
import { standinRepo } from './github.js';
import type { StandinRepo } from './github.js';

const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(2022, 5, 1);

export function inventedRepo(fullName: string): StandinRepo | undefined {
  const hash = createHash('sha256').update(fullName.toLowerCase()).digest().readUInt32BE(0);
  if (hash % 29 === 0) return undefined;
  return standinRepo(fullName, {
    // Stars spread over a few orders of magnitude, like a real list's.
    stars: Math.round(10 ** (1 + (hash % 4000) / 1000)),
    forks: hash % 3000,
    pushedAt: new Date(EPOCH + (hash % 1600) * DAY_MS).toISOString().replace('.000Z', 'Z'),
    archived: hash % 17 === 0,
    license: ['MIT', 'Apache-2.0', 'BSD-3-Clause', 'MPL-2.0'][hash % 4] ?? 'MIT',
    topics: ['distributed-systems'],
  });
}
