/** A fixed, seeded query set over a list's entries, plus the keystrokes of typing names. */
import type { Entry } from '../../src/list/types.js';
import { type Random, seededRandom } from './random.js';

export type QueryKind = 'exact' | 'prefix' | 'typo' | 'multi-word' | 'tag' | 'language';

export interface BenchQuery {
  kind: QueryKind;
  text: string;
  language?: string;
  /** For name queries: the repository of the entry that should come first. */
  targetRepo?: string;
  /** For prefix queries: the top result's name should start with this. */
  namePrefix?: string;
}

const MULTI_WORD = [
  'distributed sql database',
  'key value store',
  'message queue',
  'job scheduler',
  'stream processing',
  'actor framework',
  'consistent hash ring',
  'rate limiter',
  'object store s3',
  'time series database',
  'raft consensus library',
  'service mesh',
  'distributed cache redis',
  'workflow engine',
  'lock service',
  'graph database',
  'event streaming platform',
  'load balancer',
  'fault injection',
  'pub sub system',
  'in-memory cache',
  'tracing system',
  'document database',
  'file system petabytes',
  'gossip membership',
  'circuit breaker',
  'cloud native job scheduler',
  'geo-replicated sql',
  'exactly-once stream',
  'api gateway',
];
const TAG_QUERIES = [
  'raft',
  'grpc',
  'crdt',
  'paxos',
  'gossip',
  'kubernetes',
  'mvcc',
  'lsm',
  'quic',
  'wasm',
  'raft database',
  'grpc queue',
  'crdt cache',
  's3',
  'serf',
];
const LANGUAGE_QUERIES: [string, string][] = [
  ['database', 'Go'],
  ['queue', 'Go'],
  ['scheduler', 'Rust'],
  ['cache', 'Java'],
  ['stream', 'Python'],
  ['framework', 'Java'],
  ['file system', 'C++'],
  ['raft', 'Go'],
  ['actor', 'Erlang'],
  ['proxy', 'Rust'],
  ['log', 'Scala'],
  ['broker', 'Elixir'],
  ['store', 'C'],
  ['library', 'Haskell'],
  ['gateway', 'JavaScript'],
];

export function benchQueries(entries: readonly Entry[], seed = 7): BenchQuery[] {
  const random = seededRandom(seed);
  const pickEntry = (): Entry => random.pick(entries);
  const queries: BenchQuery[] = [];
  for (let i = 0; i < 60; i++) {
    const entry = pickEntry();
    queries.push({
      kind: 'exact',
      text: random.chance(0.5) ? entry.name.toLowerCase() : entry.name,
      targetRepo: entry.repo,
    });
  }
  for (let i = 0; i < 40; i++) {
    const name = pickEntry().name;
    const prefix = name.slice(0, Math.min(name.length, 3 + random.int(4))).toLowerCase();
    queries.push({ kind: 'prefix', text: prefix, namePrefix: prefix });
  }
  for (let i = 0; i < 40; i++) {
    const entry = pickEntry();
    queries.push({
      kind: 'typo',
      text: misspell(entry.name.toLowerCase(), random, i),
      targetRepo: entry.repo,
    });
  }
  for (const text of MULTI_WORD) queries.push({ kind: 'multi-word', text });
  for (const text of TAG_QUERIES) queries.push({ kind: 'tag', text });
  for (const [text, language] of LANGUAGE_QUERIES) queries.push({ kind: 'language', text, language });
  return queries;
}

/** Prefixes as typed, one per keystroke, of `count` names. */
export function keystrokes(entries: readonly Entry[], count = 30, seed = 11): string[] {
  const random = seededRandom(seed);
  const typed: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = random.pick(entries).name;
    for (let length = 1; length <= name.length; length++) typed.push(name.slice(0, length));
  }
  return typed;
}

/** Typos of the kinds people make: transpositions, dropped, wrong and doubled letters, and two at once. */
function misspell(word: string, random: Random, index: number): string {
  const kinds = [transpose, drop, substitute, double];
  const once = (kinds[index % kinds.length] as (w: string, r: Random) => string)(word, random);
  return index % 8 === 7 ? drop(once, random) : once;
}

function transpose(word: string, random: Random): string {
  if (word.length < 3) return word;
  const at = 1 + random.int(word.length - 2);
  return word.slice(0, at) + word.charAt(at + 1) + word.charAt(at) + word.slice(at + 2);
}

function drop(word: string, random: Random): string {
  if (word.length < 4) return word;
  const at = 1 + random.int(word.length - 1);
  return word.slice(0, at) + word.slice(at + 1);
}

function substitute(word: string, random: Random): string {
  const at = 1 + random.int(Math.max(1, word.length - 1));
  return word.slice(0, at) + random.pick([...'aeioustrnl']) + word.slice(at + 1);
}

function double(word: string, random: Random): string {
  const at = random.int(word.length);
  return word.slice(0, at + 1) + word.charAt(at) + word.slice(at + 1);
}
