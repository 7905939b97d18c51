/** Variables for the awesome list: where it comes from, how often it is re-read, how big it may be. */
import { bundledListPath } from '../bundled.js';
import { field, isHttpUrl, positiveDuration, required, type VariableSpec } from '../field.js';
import { DEFAULT_LIST_MAX_BYTES } from '../../list/limits.js';
import { parseByteSize } from '../parse.js';

/**
 * Largest LIST_MAX_BYTES accepted: parsing takes about a minute and up to 250 MB of memory per MB
 * of list on a small machine, so anything larger is a typo (`5GB` for `5MB`), not a list.
 */
export const MAX_LIST_MAX_BYTES = 64 * 1024 * 1024;

export const LIST_VARIABLES = {
  LIST_SOURCE: {
    name: 'LIST_SOURCE',
    description: 'The awesome list to serve: a file path or an http(s) URL.',
    defaultText: 'the bundled data/awesome-distributed-system-projects.md',
    example:
      'https://raw.githubusercontent.com/roma-glushko/awesome-distributed-system-projects/master/readme.md',
    expectation: 'must be a file path or an http(s) URL',
  },
  LIST_REFRESH: {
    name: 'LIST_REFRESH',
    description: 'How often a URL source is re-fetched (conditional request; unchanged lists cost little).',
    defaultText: '6h',
    example: '30m',
    expectation: 'must be a duration such as 6h, 30m, 45s or a number of seconds, above zero',
  },
  LIST_MAX_BYTES: {
    name: 'LIST_MAX_BYTES',
    description:
      'The one limit on the list: a list up to this size is read whole, a larger one is refused before parsing (the current list is kept). Bot and CLI.',
    defaultText: `${DEFAULT_LIST_MAX_BYTES / 1024 / 1024}MB`,
    example: '5MB',
    expectation: `must be a size such as 5MB, 512KB or a number of bytes, above zero and at most ${MAX_LIST_MAX_BYTES / 1024 / 1024}MB`,
  },
} as const satisfies Record<string, VariableSpec>;

const hasUrlScheme = (text: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(text);

const readListSource = (text: string): string | undefined =>
  hasUrlScheme(text) ? (isHttpUrl(text) ? text : undefined) : text;

const readListMaxBytes = (text: string): number | undefined => {
  const bytes = parseByteSize(text);
  return bytes !== undefined && bytes > 0 && bytes <= MAX_LIST_MAX_BYTES ? bytes : undefined;
};

const V = LIST_VARIABLES;

export const listFields = {
  LIST_SOURCE: required<string>(field(V.LIST_SOURCE, readListSource, bundledListPath)),
  /** Milliseconds. */
  LIST_REFRESH: required<number>(field(V.LIST_REFRESH, positiveDuration, () => 6 * 3_600_000)),
  /** Bytes. */
  LIST_MAX_BYTES: required<number>(field(V.LIST_MAX_BYTES, readListMaxBytes, () => DEFAULT_LIST_MAX_BYTES)),
};
