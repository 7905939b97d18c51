/**
 * test/fixtures/list-expectations.json, read: the hand-checked entry counts, kinds and
 * self-describing sections of every fixture list, and the kind each entry should have.
 */
import { readFileSync } from 'node:fs';
import type { Entry, EntryKind } from '../../src/list/index.js';
import { fixturePath } from './helpers.js';

interface MixedSection {
  section: string;
  projects?: string[];
  resources?: string[];
}

interface NoEntrySection {
  heading: string;
  bulletLinkLines: number;
}

export interface ListExpectation {
  file: string;
  entries: number;
  project: number;
  resource: number;
  resourceSections: string[];
  mixedSections: MixedSection[];
  noEntrySections: NoEntrySection[];
}

export function listExpectations(): ListExpectation[] {
  const raw = JSON.parse(readFileSync(fixturePath('list-expectations.json'), 'utf8')) as {
    lists: Record<string, Omit<ListExpectation, 'file'>>;
  };
  return Object.entries(raw.lists).map(([file, expectation]) => ({ file, ...expectation }));
}

/** `Resources › E-Books › Free e-books` names the entry's section when it ends with its category path. */
function inSection(entry: Entry, section: string): boolean {
  const path = [entry.category, entry.subcategory].filter(Boolean).join(' › ');
  return section === path || section.endsWith(` › ${path}`);
}

/** The entry as the expectations name it: its name, or `name - description` when the name alone was ambiguous. */
function isNamed(entry: Entry, names: readonly string[]): boolean {
  return names.includes(entry.name) || names.includes(`${entry.name} - ${entry.description}`);
}

/**
 * The kind the expectations give an entry: its section's (resource for a resource section,
 * else project), unless the section is mixed and names the entry among its minority.
 */
export function expectedKind(expectation: ListExpectation, entry: Entry): EntryKind {
  const resourceSection = expectation.resourceSections.some((section) => inSection(entry, section));
  const mixed = expectation.mixedSections.filter((section) => inSection(entry, section.section));
  if (resourceSection && mixed.some((section) => isNamed(entry, section.projects ?? []))) return 'project';
  if (!resourceSection && mixed.some((section) => isNamed(entry, section.resources ?? []))) return 'resource';
  return resourceSection ? 'resource' : 'project';
}
