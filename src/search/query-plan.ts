/**
 * What a query asks for, beyond its words: the kind of entry it wants, which of its words only
 * name that kind, and whether it asks for an alternative to a named entry.
 *
 * - A word naming a kind of resource (`paper`, `course`, `book`, `talk`, `video`, `tutorial`,
 *   `list`, …) is matched like any word, and resources come first among entries that cover the
 *   query equally; without one, projects do.
 * - A word naming software in general (`library`, `implementation`) is covered by every project:
 *   `raft library` asks for a project about Raft, whether or not its text says "library".
 * - `X alternative` (or `alternatives to X`, `X replacement`), where X names an entry, asks for
 *   entries other than X: the alternative word is covered by every entry but X.
 */
import type { EntryKind } from '../list/types.js';
import type { EntryLookups } from './lookups.js';
import { compact, isStopWord, queryWords } from './text.js';

/** How one query word is matched. */
export type WordRole = 'text' | 'software' | 'alternative';

export interface PlannedWord {
  /** The word as typed, lower-cased. */
  word: string;
  role: WordRole;
  /** The last word of the query, perhaps still being typed. */
  last: boolean;
}

export interface QueryPlan {
  /** The query, trimmed: looked up as an id or repository. */
  text: string;
  /** Content words (stop words left out), in query order. */
  words: PlannedWord[];
  /** All words, stop words included: the query as a name (`Jepsen`, `Designing Data Intensive Applications`). */
  allWords: string[];
  /** The kind ranked first among entries that cover the query equally. */
  wants: EntryKind;
  /** Entries an `X alternative` query names, which the alternative word does not cover. */
  excluded: ReadonlySet<number>;
}

/** Words naming a kind of resource; their plurals are folded before the lookup. */
const RESOURCE_WORDS = new Set([
  'article',
  'blog',
  'book',
  'cheatsheet',
  'conference',
  'course',
  'ebook',
  'lecture',
  'list',
  'meetup',
  'newsletter',
  'paper',
  'podcast',
  'post',
  'reading',
  'slides',
  'talk',
  'tutorial',
  'video',
  'whitepaper',
]);

/** Words naming software in general. */
const SOFTWARE_WORDS = new Set(['implementation', 'lib', 'library', 'libraries', 'implementations']);

const ALTERNATIVE_WORDS = new Set([
  'alternative',
  'alternatives',
  'replacement',
  'replacements',
  'substitute',
]);

function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  return word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word;
}

function isResourceWord(word: string): boolean {
  return RESOURCE_WORDS.has(singular(word));
}

export function planQuery(query: string, lookups: EntryLookups): QueryPlan {
  const allWords = queryWords(query);
  const content = allWords.filter((word) => !isStopWord(word));
  const roles: WordRole[] = content.map((word) => (SOFTWARE_WORDS.has(word) ? 'software' : 'text'));
  // Kind words narrow a query about something; alone, they are what it is about.
  if (!roles.some((role) => role !== 'software')) roles.fill('text');
  const excluded = namedByAlternative(content, roles, lookups);
  const words = content.map((word, index) => ({
    word,
    role: roles[index] ?? 'text',
    last: index === content.length - 1,
  }));
  const wants: EntryKind = content.some(isResourceWord) ? 'resource' : 'project';
  return { text: query.trim(), words, allWords, wants, excluded };
}

/**
 * For `kafka alternative`: the entries named by the other words, whose alternative word then
 * becomes role `alternative`. Nothing when the other words name no entry (`dropbox alternative`
 * in a list without Dropbox stays a plain text query).
 */
function namedByAlternative(content: string[], roles: WordRole[], lookups: EntryLookups): Set<number> {
  const at = content.findIndex((word) => ALTERNATIVE_WORDS.has(word));
  if (at < 0 || content.length < 2) return new Set();
  const others = content.filter((_, index) => index !== at && roles[index] === 'text');
  const named = lookups.positionsByCompactName.get(compact(others.join(' ')));
  if (named === undefined) return new Set();
  roles[at] = 'alternative';
  return new Set(named);
}
