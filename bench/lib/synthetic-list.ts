/**
 * Deterministic synthetic awesome lists of any size, shaped like the real one: `##` categories
 * with `###` sub-categories, language prefixes written several ways, `Name - description` link
 * texts with trailing `[Tag + Tag]` groups, `[Archived]` markers and notes after the link.
 * Returns the markdown and the entries a correct parser should produce from it.
 */
import type { Category, Entry, ListDocument } from '../../src/list/types.js';
import { type Random, seededRandom } from './random.js';

const CATEGORIES: Record<string, { nouns: string[]; subcategories: string[] }> = {
  Databases: {
    nouns: [
      'SQL database',
      'key-value store',
      'document database',
      'time series database',
      'graph database',
      'NewSQL database',
      'wide-column store',
    ],
    subcategories: [
      'Key-Value Databases',
      'Relational, SQL, NewSQL Databases',
      'NoSQL, Document Databases',
      'Time Series Databases',
      'Graph Databases',
    ],
  },
  Streaming: {
    nouns: [
      'stream processing engine',
      'event streaming platform',
      'dataflow engine',
      'change data capture pipeline',
    ],
    subcategories: [],
  },
  Queues: { nouns: ['message queue', 'message broker', 'task queue', 'pub/sub system'], subcategories: [] },
  Schedulers: {
    nouns: ['job scheduler', 'workflow engine', 'cron service', 'cluster scheduler'],
    subcategories: [],
  },
  'File Systems': {
    nouns: ['file system', 'object store', 'block storage', 'blob store'],
    subcategories: [],
  },
  'Service Discovery': {
    nouns: ['service registry', 'service mesh', 'DNS-based discovery service'],
    subcategories: [],
  },
  Locking: { nouns: ['lock service', 'coordination service', 'lease manager'], subcategories: [] },
  Caching: { nouns: ['in-memory cache', 'cache proxy', 'distributed cache'], subcategories: [] },
  Consensus: {
    nouns: ['Raft library', 'Paxos implementation', 'consensus library', 'replicated state machine'],
    subcategories: [],
  },
  Frameworks: {
    nouns: ['actor framework', 'microservices framework', 'RPC framework', 'distributed computing framework'],
    subcategories: ['Actor Frameworks', 'RPC Frameworks'],
  },
  Components: {
    nouns: [
      'rate limiter',
      'consistent hash ring',
      'retry library',
      'circuit breaker',
      'gossip membership library',
    ],
    subcategories: [],
  },
  Observability: {
    nouns: ['tracing system', 'metrics store', 'log aggregator', 'profiler'],
    subcategories: [],
  },
  Networking: { nouns: ['load balancer', 'API gateway', 'proxy', 'overlay network'], subcategories: [] },
  Testing: {
    nouns: ['chaos testing tool', 'fault injection framework', 'linearizability checker'],
    subcategories: [],
  },
  OS: { nouns: ['distributed operating system', 'unikernel', 'container runtime'], subcategories: [] },
};

/** Language as canonical name, with the spellings lists use for it. */
const LANGUAGES: { name: string; spellings: string[]; weight: number }[] = [
  { name: 'Go', spellings: ['Golang', 'Go'], weight: 35 },
  { name: 'Java', spellings: ['Java'], weight: 12 },
  { name: 'Rust', spellings: ['Rust'], weight: 10 },
  { name: 'C++', spellings: ['C++'], weight: 8 },
  { name: 'Python', spellings: ['Python'], weight: 8 },
  { name: 'C', spellings: ['C'], weight: 5 },
  { name: 'JavaScript', spellings: ['JS', 'JavaScript'], weight: 5 },
  { name: 'TypeScript', spellings: ['TypeScript'], weight: 3 },
  { name: 'Erlang', spellings: ['Erlang'], weight: 3 },
  { name: 'Scala', spellings: ['Scala'], weight: 3 },
  { name: 'Elixir', spellings: ['Elixir'], weight: 2 },
  { name: 'Kotlin', spellings: ['Kotlin'], weight: 2 },
  { name: 'PHP', spellings: ['PHP'], weight: 2 },
  { name: 'Haskell', spellings: ['Haskell'], weight: 1 },
];

const ADJECTIVES = [
  'distributed',
  'fault-tolerant',
  'lightweight',
  'high-performance',
  'horizontally scalable',
  'embeddable',
  'cloud native',
  'strongly-consistent',
  'in-memory',
  'persistent',
  'highly available',
  'decentralized',
  'eventually consistent',
  'simple',
  'fast',
  'reliable',
  'multi-tenant',
  'geo-replicated',
  'serverless',
  'open source',
];
const TAILS = [
  'built on a transactional key-value store',
  'written in pure {lang}',
  'for cloud native environments',
  'with automatic failover',
  'based on the Raft consensus algorithm',
  'with pluggable storage engines',
  'designed for ease of development and scaling',
  'handling billions of messages per day',
  'compatible with the Redis protocol',
  'with an S3-compatible API',
  'that scales to petabytes',
  'inspired by Google Spanner',
  'using gossip for membership',
  'with exactly-once semantics',
  'for edge and IoT deployments',
  'with a SQL query layer',
  'supporting multi-region replication',
  'with a gRPC API',
];
const NOTES = [
  'Supports master-master setups with automatic conflict detection.',
  'Provides the core requirements for distributed systems development.',
  'Used in production by several large companies.',
  'Includes a web UI and a command-line client.',
  'Ships as a single static binary.',
];
const TAGS = [
  'Raft',
  'Paxos',
  'gRPC',
  'REST',
  'CRDT',
  'Serf',
  'Gossip',
  'HTTP/2',
  'QUIC',
  'WASM',
  'Kubernetes',
  'S3',
  'SQL',
  'MVCC',
  'LSM',
];
const SYLLABLES = [
  'dra',
  'gon',
  'cock',
  'roach',
  'tik',
  'bad',
  'ger',
  'sea',
  'weed',
  'jui',
  'flo',
  'nim',
  'zeph',
  'quar',
  'lum',
  'ark',
  'hel',
  'ix',
  'or',
  'bit',
  'sto',
  'raf',
  'ven',
  'tor',
  'kin',
  'bus',
  'ela',
  'stic',
  'cel',
  'mon',
  'go',
  'rq',
  'lite',
  'sand',
  'glass',
  'nsq',
  'pipe',
  'atom',
  'orb',
  'fau',
  'lift',
  'bri',
  'dge',
  'ten',
  'aci',
  'ty',
  'hash',
  'ring',
  'ser',
  'vo',
  'kai',
  'ro',
  'vel',
  'ox',
  'pax',
  'zo',
  'ky',
  'mer',
  'lin',
  'qua',
  'dex',
  'tri',
  'no',
  'va',
  'cir',
  'rus',
  'hyp',
  'ion',
  'pul',
  'sar',
  'ember',
  'frost',
  'iron',
  'cor',
  'tex',
];
const SUFFIXES = [
  '',
  '',
  '',
  '',
  'DB',
  'FS',
  'MQ',
  'KV',
  'io',
  'Stream',
  'Cache',
  'Sched',
  'Mesh',
  'Lock',
  'Log',
];

export interface SyntheticList {
  markdown: string;
  /** What a correct parser yields from `markdown` (ids are the repository slugs). */
  doc: ListDocument;
}

export interface SyntheticOptions {
  /**
   * Short items (`- [Name](url) - a message queue.`, about 75 bytes), the density of the largest
   * real lists: 60,000 entries make 4.4 MB.
   */
  terse?: boolean;
}

export function syntheticList(size: number, seed = 20240501, options: SyntheticOptions = {}): SyntheticList {
  const random = seededRandom(seed);
  const usedNames = new Set<string>();
  const lines = [
    '# Awesome Synthetic Distributed Systems',
    '',
    `A generated list of ${size} projects for benchmarks.`,
    '',
  ];
  const categories: Category[] = [];
  const entries: Entry[] = [];
  const sections = sectionsFor(size, random);
  for (const section of sections) {
    lines.push(`## ${section.category}`, '');
    categories.push({ name: section.category, depth: 2, line: lines.length - 1, entryCount: 0 });
    for (const group of section.groups) {
      if (group.subcategory) {
        lines.push(`### ${group.subcategory}`, '');
        categories.push({
          name: group.subcategory,
          depth: 3,
          parent: section.category,
          line: lines.length - 1,
          entryCount: 0,
        });
      }
      const counted = categories.at(-1) as Category;
      for (let i = 0; i < group.count; i++) {
        const entry = syntheticEntry(
          random,
          usedNames,
          section.category,
          group.subcategory,
          lines.length + 1,
          options.terse === true,
        );
        lines.push(options.terse ? terseItemMarkdown(entry) : itemMarkdown(random, entry));
        entries.push(entry);
        counted.entryCount++;
      }
      lines.push('');
    }
  }
  return {
    markdown: lines.join('\n'),
    doc: { title: 'Awesome Synthetic Distributed Systems', categories, entries, diagnostics: [] },
  };
}

interface Section {
  category: string;
  groups: { subcategory?: string; count: number }[];
}

function sectionsFor(size: number, random: Random): Section[] {
  const names = Object.keys(CATEGORIES);
  const counts = new Array<number>(names.length).fill(0);
  for (let i = 0; i < size; i++) {
    const at = random.int(names.length);
    counts[at] = (counts[at] ?? 0) + 1;
  }
  return names.map((category, index) => {
    const count = counts[index] ?? 0;
    const subcategories = CATEGORIES[category]?.subcategories ?? [];
    if (subcategories.length === 0 || count < subcategories.length * 2)
      return { category, groups: [{ count }] };
    const direct = Math.floor(count / 5);
    const groups: Section['groups'] = [{ count: direct }];
    const rest = count - direct;
    subcategories.forEach((subcategory, i) => {
      const share = Math.floor(rest / subcategories.length) + (i < rest % subcategories.length ? 1 : 0);
      groups.push({ subcategory, count: share });
    });
    return { category, groups };
  });
}

function syntheticEntry(
  random: Random,
  usedNames: Set<string>,
  category: string,
  subcategory: string | undefined,
  line: number,
  terse = false,
): Entry {
  const name = uniqueName(random, usedNames);
  const owner = `${random.pick(SYLLABLES)}${random.pick(SYLLABLES)}${random.chance(0.5) ? '-io' : ''}`;
  const repo = `${owner}/${name.toLowerCase()}`;
  const language = weightedLanguage(random);
  const noun = random.pick(CATEGORIES[category]?.nouns ?? ['system']);
  const first = random.pick(ADJECTIVES);
  const second = random.pick(ADJECTIVES.filter((adjective) => adjective !== first));
  const adjectives = random.chance(0.6) ? `${first}, ${second}` : first;
  const article = random.chance(0.5) ? (/^[aeiou]/.test(adjectives) ? 'an ' : 'a ') : '';
  const tail = random.chance(0.7) ? ` ${random.pick(TAILS).replace('{lang}', language.name)}` : '';
  const tags = random.chance(0.3)
    ? [...new Set([random.pick(TAGS), ...(random.chance(0.4) ? [random.pick(TAGS)] : [])])]
    : [];
  if (terse) {
    return {
      id: repo.replace(/[^a-z0-9]+/gi, '-').toLowerCase(),
      name,
      url: `https://github.com/${repo}`,
      repo,
      description: `${random.chance(0.1) ? `${first} ` : ''}${noun}.`,
      tags: [],
      archived: false,
      kind: 'project',
      category,
      subcategory,
      line,
    };
  }
  return {
    id: repo.replace(/[^a-z0-9]+/gi, '-').toLowerCase(),
    name,
    url: `https://github.com/${repo}`,
    repo,
    language: language.name,
    description: `${article}${adjectives} ${noun}${tail}`,
    note: random.chance(0.1) ? random.pick(NOTES) : undefined,
    tags,
    archived: random.chance(0.03),
    kind: 'project',
    category,
    subcategory,
    line,
  };
}

function uniqueName(random: Random, used: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const syllables = 2 + random.int(2) + (attempt > 20 ? 1 : 0);
    let stem = '';
    for (let i = 0; i < syllables; i++) stem += random.pick(SYLLABLES);
    const name = `${stem.charAt(0).toUpperCase()}${stem.slice(1)}${random.pick(SUFFIXES)}`;
    if (!used.has(name.toLowerCase())) {
      used.add(name.toLowerCase());
      return name;
    }
  }
}

function weightedLanguage(random: Random): (typeof LANGUAGES)[number] {
  const total = LANGUAGES.reduce((sum, language) => sum + language.weight, 0);
  let roll = random.int(total);
  for (const language of LANGUAGES) {
    if (roll < language.weight) return language;
    roll -= language.weight;
  }
  return LANGUAGES[0] as (typeof LANGUAGES)[number];
}

/** A short item: name, link and a few words, as the largest lists write them. */
function terseItemMarkdown(entry: Entry): string {
  return `- [${entry.name}](${entry.url}) - ${entry.description}`;
}

/** One list item, in one of the shapes real lists use. */
function itemMarkdown(random: Random, entry: Entry): string {
  const spelling = random.pick(
    LANGUAGES.find((language) => language.name === entry.language)?.spellings ?? ['Go'],
  );
  const markers = [
    ...(entry.tags.length > 0 ? [`[${entry.tags.join(' + ')}]`] : []),
    ...(entry.archived ? ['[Archived]'] : []),
  ];
  const text = `${entry.name} - ${entry.description}${markers.length > 0 ? ` ${markers.join(' ')}` : ''}`;
  const note = entry.note ? `. ${entry.note}` : '';
  return random.chance(0.5)
    ? `- (${spelling}) [${text}](${entry.url})${note}`
    : `- [(${spelling}) ${text}](${entry.url})${note}`;
}
