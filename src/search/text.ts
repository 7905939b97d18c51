/** Text helpers shared by the index, the name layer and suggestions. */

/** Longest query we look at: user input beyond this is ignored, so a 6,000-character paste stays cheap. */
export const MAX_QUERY_CHARS = 200;
/** Most query tokens we look at, for the same reason. */
export const MAX_QUERY_TOKENS = 12;
/** Discord's limit for choice names and values. */
export const MAX_SUGGESTION_CHARS = 100;

const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'by',
  'for',
  'from',
  'in',
  'into',
  'is',
  'it',
  'its',
  'of',
  'on',
  'or',
  'that',
  'the',
  'to',
  'which',
  'with',
]);

const WORD = /[\p{L}\p{N}]+/gu;

export function isStopWord(term: string): boolean {
  return STOP_WORDS.has(term);
}

/** Lower-case, compatibility-normalised text (full-width letters and ligatures fold to ASCII). */
export function fold(text: string): string {
  // eslint-disable-next-line no-control-regex -- the ASCII range, for a fast path
  return /[^\u0000-\u007f]/.test(text) ? text.normalize('NFKC').toLowerCase() : text.toLowerCase();
}

/** How names people type compare: folded, trimmed, and each run of white space one space. */
export function nameKey(text: string): string {
  return fold(text).trim().replace(/\s+/g, ' ');
}

/** Words of a text, lower-cased, without punctuation: `Redis-compatible` → `redis`, `compatible`. */
export function words(text: string): string[] {
  return fold(text).match(WORD) ?? [];
}

/** Letters and digits only: `Apache Zookeeper` → `apachezookeeper`, `ex_hash_ring` → `exhashring`. */
export function compact(text: string): string {
  return words(text).join('');
}

/** Parts of a camel-cased word: `GatewayWorker` → `gateway`, `worker`; `SeaweedFS` → `seaweed`, `fs`. */
export function camelParts(word: string): string[] {
  const parts = word.match(/\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+|\p{N}+/gu) ?? [];
  return parts.length > 1 ? parts.map((part) => part.toLowerCase()) : [];
}

/**
 * A light English plural stemmer, applied identically to indexed text and queries, so that
 * `queue` finds `Queues` and `databases` finds `database`. Short words and `-ss`/`-us`/`-is`
 * endings (`sandglass`, `consensus`, `redis`) are left alone.
 */
export function stem(term: string): string {
  if (term.length < 5 || !term.endsWith('s')) return term;
  if (term.endsWith('ies')) return `${term.slice(0, -3)}y`;
  if (/(?:ss|us|is)$/.test(term)) return term;
  return term.slice(0, -1);
}

/**
 * The root a word shares with its `-ing` and `-er` forms (`hashing` and `hash` → `hash`,
 * `limiting` and `limiter` → `limit`, `logging` → `log`): `-ing` after four letters or more,
 * `-er` after five or more, so `string`, `server` and `reader` stay whole.
 */
export function verbRoot(term: string): string {
  const base = /^(.{4,})ing$/.exec(term)?.[1] ?? /^(.{5,})er$/.exec(term)?.[1];
  return base === undefined ? term : base.replace(/([bdgmnprt])\1$/, '$1');
}

/** The part of a user query the index looks at: capped in length and token count. */
export function queryWords(query: string): string[] {
  return words(query.slice(0, MAX_QUERY_CHARS)).slice(0, MAX_QUERY_TOKENS);
}
