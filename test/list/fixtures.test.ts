import { describe, expect, it } from 'vitest';
import { entryNamed, parseFixture } from './helpers.js';

const SHIPPED = 'awesome-distributed-system-projects.md';
const UPSTREAM = 'upstream-distributed-system-projects.md';
const SCALABILITY = 'awesome-scalability.md';
const NODEJS = 'awesome-nodejs.md';

function rules(name: string, rule: string) {
  return parseFixture(name).diagnostics.filter((d) => d.rule === rule);
}

describe('the shipped list', () => {
  const doc = parseFixture(SHIPPED);

  it('has 35 entries in 11 ## categories', () => {
    expect(doc.title).toBe('Awesome Distributed System Projects');
    expect(doc.entries).toHaveLength(35);
    expect(doc.categories.map((c) => c.depth)).toEqual(Array(11).fill(2));
    expect(doc.categories.map((c) => c.name)).toContain('Other Resources');
    expect(doc.categories.reduce((sum, c) => sum + c.entryCount, 0)).toBe(35);
  });

  it('reads Jocko: prefix language, nested-bracket tags, name and description from the link text', () => {
    const jocko = entryNamed(doc, 'Jocko');
    expect(jocko).toMatchObject({
      id: 'travisjeffery-jocko',
      url: 'https://github.com/travisjeffery/jocko',
      repo: 'travisjeffery/jocko',
      language: 'Go',
      description: 'Kafka/distributed commit log service in Go.',
      tags: ['Serf', 'Raft'],
      archived: false,
      category: 'Databases',
      line: 7,
    });
  });

  it('marks oklog archived without keeping Archived as a tag', () => {
    expect(entryNamed(doc, 'oklog')).toMatchObject({ archived: true, tags: [] });
  });

  it('keeps the text after the CouchDB link as its note', () => {
    const couch = entryNamed(doc, 'CouchDB');
    expect(couch.note).toBe('Supports master-master setups with automatic conflict detection.');
    expect(couch.description).toBe(
      'highly available, partition tolerant, eventually consistent document database',
    );
    expect(couch.language).toBe('Erlang');
  });

  it('reads a language prefix glued to the link: (C)[HarveyOS …]', () => {
    expect(entryNamed(doc, 'HarveyOS')).toMatchObject({
      language: 'C',
      repo: 'Harvey-OS/harvey',
      category: 'OS',
    });
  });

  it('reads the language inside the link text and tags of etcd in Locking', () => {
    const etcd = entryNamed(doc, 'etcd', 'Locking');
    expect(etcd).toMatchObject({ language: 'Go', tags: ['Raft', 'gRPC'], id: 'etcd-io-etcd' });
  });

  it('canonicalises JS to JavaScript and keeps C++', () => {
    expect(entryNamed(doc, 'hemera')).toMatchObject({ language: 'JavaScript', tags: ['RPC'] });
    expect(entryNamed(doc, 'MongoDB').language).toBe('C++');
  });

  it('reports exactly the two names that link to another project', () => {
    const mismatches = rules(SHIPPED, 'name-mismatch');
    expect(mismatches.map((d) => d.line)).toEqual([42, 54]);
    expect(mismatches[0]?.message).toContain('lizardfs/lizardfs');
    expect(mismatches[1]?.message).toContain('asim/go-micro');
    expect(doc.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  });

  it('gives every entry a unique id and an https url', () => {
    expect(new Set(doc.entries.map((e) => e.id)).size).toBe(35);
    expect(doc.entries.every((e) => e.url.startsWith('https://'))).toBe(true);
  });
});

describe('the upstream list', () => {
  const doc = parseFixture(UPSTREAM);

  it('has 141 entries, 15 ## and 9 ### categories under Databases', () => {
    expect(doc.entries).toHaveLength(141);
    expect(doc.categories.filter((c) => c.depth === 2)).toHaveLength(15);
    const subcategories = doc.categories.filter((c) => c.depth === 3);
    expect(subcategories).toHaveLength(9);
    expect(subcategories.every((c) => c.parent === 'Databases')).toBe(true);
    expect(subcategories.map((c) => c.name)).toContain('Key-Value Databases');
  });

  it('files ### entries under their ## category and resets the subcategory at the next ##', () => {
    expect(entryNamed(doc, 'TiKV')).toMatchObject({
      category: 'Databases',
      subcategory: 'Key-Value Databases',
    });
    expect(entryNamed(doc, 'Jocko').subcategory).toBeUndefined();
    expect(entryNamed(doc, 'Glide')).toMatchObject({ category: 'Gateways' });
    expect(entryNamed(doc, 'Glide').subcategory).toBeUndefined();
    const databases = doc.categories.find((c) => c.name === 'Databases');
    expect(databases?.entryCount).toBe(doc.entries.filter((e) => e.category === 'Databases').length);
  });

  it('reports FiloDB and CeresDB as duplicate URLs (139 unique)', () => {
    const duplicates = rules(UPSTREAM, 'duplicate-url');
    expect(duplicates).toHaveLength(2);
    expect(duplicates.map((d) => d.message).join()).toMatch(/FiloDB[\s\S]*CeresDB/);
    expect(new Set(doc.entries.map((e) => e.id)).size).toBe(141);
  });

  it('reports only the two real name mismatches', () => {
    expect(rules(UPSTREAM, 'name-mismatch').map((d) => d.line)).toEqual([167, 187]);
  });

  it('splits "Name is a …" items that have no separator', () => {
    expect(entryNamed(doc, 'YDB').description).toMatch(/^an open-source Distributed SQL Database/);
  });

  it('keeps a second " - " inside the description', () => {
    expect(entryNamed(doc, 'FerretDB').description).toBe(
      'an proxy, converting the MongoDB 6.0+ wire protocol queries to SQL - using PostgreSQL as a database engine',
    );
  });

  it('reads a note glued to the link without a space', () => {
    expect(entryNamed(doc, 'summitdb').note).toBe(
      'It supports custom indexes, geospatial data, JSON documents, and user-defined JS scripting',
    );
  });

  it('treats extra prefix groups as tags: (C/C++)(Book)', () => {
    expect(entryNamed(doc, 'Build Your Own Redis with C/C++')).toMatchObject({
      language: 'C/C++',
      tags: ['Book'],
    });
    expect(entryNamed(doc, 'Service Weaver').language).toBe('Go');
  });
});

describe('awesome-scalability', () => {
  const doc = parseFixture(SCALABILITY);

  it('has 919 entries: 210 top-level and 709 nested tab-indented items', () => {
    expect(doc.entries).toHaveLength(919);
    const byLine = new Map(doc.entries.map((e) => [e.line, e]));
    expect(byLine.get(97)?.name).toBe('Microservices and Orchestration');
    expect(byLine.get(98)?.name).toBe('Domain-Oriented Microservice Architecture at Uber');
  });

  it('skips the Content table of contents and reports no link diagnostics for it', () => {
    expect(doc.categories.map((c) => c.name)).not.toContain('Content');
    expect(doc.diagnostics.filter((d) => d.line >= 23 && d.line <= 35)).toEqual([]);
  });

  it('reports no name mismatches', () => {
    expect(rules(SCALABILITY, 'name-mismatch')).toEqual([]);
  });
});

describe('awesome-nodejs', () => {
  const doc = parseFixture(NODEJS);

  it('has 591 entries, 39 of them under link-less group bullets', () => {
    expect(doc.entries).toHaveLength(591);
    expect(doc.entries.filter((e) => e.group !== undefined)).toHaveLength(39);
    expect(entryNamed(doc, 'pify')).toMatchObject({
      group: ['Promises'],
      category: 'Packages',
      subcategory: 'Control flow',
      description: 'Promisify a callback-style function.',
    });
  });

  it('does not turn the group bullet or the contents list into entries', () => {
    expect(doc.entries.some((e) => e.name === 'Promises')).toBe(false);
    expect(doc.entries.some((e) => e.url.startsWith('#'))).toBe(false);
    expect(doc.categories.map((c) => c.name)).not.toContain('Contents');
  });

  it('takes the title from the HTML header when there is no # heading', () => {
    expect(doc.title).toBe('Awesome Node.js');
  });

  it('reports few, plausible name mismatches', () => {
    const mismatches = rules(NODEJS, 'name-mismatch');
    expect(mismatches.length).toBeLessThanOrEqual(6);
    expect(mismatches.map((d) => d.message).join('\n')).toContain('"Repository" links to nodejs/node');
  });
});
