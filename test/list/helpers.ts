import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseList } from '../../src/list/index.js';
import type { Entry, ListDocument } from '../../src/list/index.js';

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

const cache = new Map<string, ListDocument>();

/** Parses a fixture once per test file (the real lists take a moment). */
export function parseFixture(name: string): ListDocument {
  let doc = cache.get(name);
  if (doc === undefined) {
    doc = parseList(readFileSync(fixturePath(name), 'utf8'));
    cache.set(name, doc);
  }
  return doc;
}

export function entryNamed(doc: ListDocument, name: string, category?: string): Entry {
  const entry = doc.entries.find(
    (e) => e.name === name && (category === undefined || e.category === category),
  );
  if (entry === undefined) throw new Error(`no entry named ${name}`);
  return entry;
}

/** Parses a markdown snippet and returns its single entry. */
export function onlyEntry(markdown: string): Entry {
  const { entries } = parseList(markdown);
  if (entries.length !== 1) throw new Error(`expected 1 entry, got ${entries.length}`);
  return entries[0] as Entry;
}
