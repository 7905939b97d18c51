/**
 * The one codec for component state. All state a button or select needs lives in its custom id,
 * so components keep working after a restart or a list reload.
 *
 * Format: `<prefix>:<version>|<key>=<value>|…`, e.g. `search:1|p=2|q=raft|l=Go`.
 * - prefix: lowercase letters naming the module that answers (its `componentPrefix`; the glue's
 *   router in `src/discord/routes.ts` picks the module by it).
 * - version: bumped when a module's state changes shape; ids of other versions decode to
 *   undefined, and the glue answers "This button has expired; run the command again".
 * - keys: one or more lowercase letters; values escape only `%` and `|`.
 * Ids are at most 100 characters. When the state does not fit, the longest values are cut
 * (by code points) until it does, and each cut key is written `key~=value`: the decoder reports
 * it in `shortened`, so a module can treat the value as a prefix (a search runs with the
 * shortened query and says so; a name is resolved by prefix).
 */
import { LIMITS } from './limits.js';

export const CUSTOM_ID_VERSION = 1;

export type StateValue = string | number | boolean | undefined;

export interface DecodedCustomId {
  prefix: string;
  state: Record<string, string>;
  /** Keys whose values were cut to fit; their values are prefixes of the original. */
  shortened: ReadonlySet<string>;
}

const PREFIX_PATTERN = /^[a-z]{1,20}$/;
const KEY_PATTERN = /^[a-z]{1,8}$/;
const SEGMENT_PATTERN = /^([a-z]{1,8})(~?)=(.*)$/s;

function escapeValue(value: string): string {
  return value.replace(/%/g, '%25').replace(/\|/g, '%7C');
}

function unescapeValue(value: string): string {
  return value.replace(/%(25|7C)/gi, (_match, code: string) => (code === '25' ? '%' : '|'));
}

function serialise(prefix: string, values: Map<string, string>, shortened: ReadonlySet<string>): string {
  const segments = [...values].map(
    ([key, value]) => `${key}${shortened.has(key) ? '~' : ''}=${escapeValue(value)}`,
  );
  return [`${prefix}:${CUSTOM_ID_VERSION}`, ...segments].join('|');
}

/** Cuts the longest value by one code point; false when nothing is left to cut. */
function shortenLongest(values: Map<string, string>, shortened: Set<string>): boolean {
  let longestKey: string | undefined;
  let longestLength = 0;
  for (const [key, value] of values) {
    const length = [...value].length;
    if (length > longestLength) [longestKey, longestLength] = [key, length];
  }
  if (longestKey === undefined) return false;
  values.set(longestKey, [...(values.get(longestKey) ?? '')].slice(0, -1).join(''));
  shortened.add(longestKey);
  return true;
}

/** The first `count` code points of `text`, reading no further than that. */
function leadingCodePoints(text: string, count: number): string[] {
  const points: string[] = [];
  for (const point of text) {
    if (points.length === count) break;
    points.push(point);
  }
  return points;
}

/**
 * No value of a fitting id has more code points than the id has characters, so longer values are cut
 * to that first, in one pass: cutting one code point at a time below then stays cheap whatever arrives.
 */
function capValueLengths(values: Map<string, string>, shortened: Set<string>): void {
  for (const [key, value] of values) {
    const kept = leadingCodePoints(value, LIMITS.customId + 1);
    if (kept.length <= LIMITS.customId) continue;
    values.set(key, kept.slice(0, LIMITS.customId).join(''));
    shortened.add(key);
  }
}

/** Encodes `state` (undefined values are left out) into a custom id of at most 100 characters. */
export function encodeCustomId(prefix: string, state: Record<string, StateValue>): string {
  if (!PREFIX_PATTERN.test(prefix)) throw new Error(`Invalid custom-id prefix: ${prefix}`);
  const values = new Map<string, string>();
  for (const [key, value] of Object.entries(state)) {
    if (!KEY_PATTERN.test(key)) throw new Error(`Invalid custom-id key: ${key}`);
    if (value !== undefined) values.set(key, String(value));
  }
  const shortened = new Set<string>();
  capValueLengths(values, shortened);
  let id = serialise(prefix, values, shortened);
  while (id.length > LIMITS.customId) {
    if (!shortenLongest(values, shortened)) throw new Error(`Custom-id state has too many keys: ${id}`);
    id = serialise(prefix, values, shortened);
  }
  return id;
}

/** Decodes a custom id; undefined for foreign, malformed, over-long or other-version ids. */
export function decodeCustomId(customId: string): DecodedCustomId | undefined {
  if (customId.length > LIMITS.customId) return undefined;
  const [head, ...segments] = customId.split('|');
  const headMatch = /^([a-z]{1,20}):(\d+)$/.exec(head ?? '');
  if (headMatch === null || Number(headMatch[2]) !== CUSTOM_ID_VERSION) return undefined;
  const state: Record<string, string> = {};
  const shortened = new Set<string>();
  for (const segment of segments) {
    const match = SEGMENT_PATTERN.exec(segment);
    if (match === null) return undefined;
    const [, key = '', mark, value = ''] = match;
    if (Object.hasOwn(state, key)) return undefined;
    state[key] = unescapeValue(value);
    if (mark === '~') shortened.add(key);
  }
  return { prefix: headMatch[1] ?? '', state, shortened };
}

/** A positive integer from decoded state, or undefined when it is missing or not one. */
export function stateInteger(state: Record<string, string>, key: string): number | undefined {
  const raw = state[key];
  if (raw === undefined || !/^\d{1,6}$/.test(raw)) return undefined;
  return Number(raw);
}
