import { describe, expect, it } from 'vitest';
import { closeNames, editDistanceWithin, typoAllowance, typoDistance } from '../../src/search/close-names.js';

describe('close names', () => {
  it('counts a swap of neighbouring letters as one edit, and stops past the limit', () => {
    expect(editDistanceWithin('etdc', 'etcd', 2)).toBe(1);
    expect(editDistanceWithin('rusr', 'rust', 2)).toBe(1);
    expect(editDistanceWithin('kitten', 'sitting', 5)).toBe(3);
    expect(editDistanceWithin('kitten', 'sitting', 2)).toBe(3);
    expect(editDistanceWithin('abcdef', 'badcfe', 9)).toBe(3);
    expect(editDistanceWithin('a', 'abcdef', 2)).toBe(3);
    expect(editDistanceWithin('', '', 0)).toBe(0);
  });

  it('forgives no edit in names of three letters or fewer, one up to seven, two beyond', () => {
    expect([1, 3, 4, 7, 8, 30].map((length) => typoAllowance(length, 40))).toEqual([0, 0, 1, 1, 2, 2]);
    expect(typoAllowance(9, 4)).toBe(1);
  });

  it('takes real typos and nothing else', () => {
    expect(typoDistance('Rusr', 'Rust')).toBe(1);
    expect(typoDistance('Databses', 'Databases')).toBe(1);
    expect(typoDistance('nosuch', 'CouchDB')).toBeUndefined();
    expect(typoDistance('nosuch', 'couch')).toBeUndefined();
    expect(typoDistance('C++', 'C#')).toBeUndefined();
    expect(typoDistance('Go', 'Go')).toBeUndefined();
  });

  it('orders close names by distance, then as given, and finds none for Cobol', () => {
    const languages = ['Go', 'Rust', 'Python', 'C++', 'Java', 'C', 'PHP', 'Scala', 'Elixir', 'C#', 'Lua'];
    expect(closeNames('Cobol', languages, 3)).toEqual([]);
    expect(closeNames('rusr', languages, 3)).toEqual(['Rust']);
    expect(closeNames('Queue', ['Queued Jobs', 'Queues', 'Queuer'], 3)).toEqual(['Queues', 'Queuer']);
    expect(closeNames('Queue', ['Queues', 'Queuer'], 1)).toEqual(['Queues']);
    const spellings = (name: string) => [name, name.split(' › ').at(-1) ?? name];
    expect(closeNames('Graph Databses', ['Databases › Graph Databases'], 3, spellings)).toEqual([
      'Databases › Graph Databases',
    ]);
  });
});
