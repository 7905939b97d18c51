/** One list entry for tests that build a list by hand rather than parse one. */
import type { Entry } from '../../src/list/types.js';

/** An entry with every required field: named after its id, in Databases, no description, unless overridden. */
export function entry(id: string, overrides: Partial<Entry> = {}): Entry {
  return {
    id,
    name: id,
    url: `https://github.com/example/${id}`,
    description: '',
    tags: [],
    archived: false,
    kind: 'project',
    category: 'Databases',
    line: 1,
    ...overrides,
  };
}
