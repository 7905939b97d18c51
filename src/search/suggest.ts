/** Autocomplete: what to offer for what has been typed so far (projects, tags, languages, categories). */
import type { Entry } from '../list/types.js';
import { clampCount } from './clamp.js';
import { languageKey, matchOptions, type ListFacets } from './facets.js';
import type { EntryLookups } from './lookups.js';
import { typoBudget, type NameLayer } from './name-layer.js';
import { sortInSteps, type Steps } from './steps.js';
import { truncate } from '../text/truncate.js';
import { compact, MAX_SUGGESTION_CHARS } from './text.js';
import type { FacetCount, Suggestion } from './types.js';

/** Discord shows at most this many autocomplete choices. */
export const MAX_SUGGESTIONS = 25;

interface NameKey {
  key: string;
  position: number;
}

export class Suggester {
  private readonly entries: readonly Entry[];
  private readonly compactNames: readonly string[];
  private readonly names: NameLayer;
  private readonly facets: ListFacets;
  /** Entry positions sorted by their name written without spaces, for prefix autocomplete. */
  private readonly byCompactName: NameKey[];

  private constructor(lookups: EntryLookups, names: NameLayer, facets: ListFacets, byCompactName: NameKey[]) {
    this.entries = lookups.entries;
    this.compactNames = lookups.compactNames;
    this.names = names;
    this.facets = facets;
    this.byCompactName = byCompactName;
  }

  static *build(lookups: EntryLookups, names: NameLayer, facets: ListFacets): Steps<Suggester> {
    const byCompactName = yield* sortInSteps(
      lookups.compactNames.map((key, position) => ({ key, position })),
      (a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.position - b.position),
    );
    return new Suggester(lookups, names, facets, byCompactName);
  }

  /** Suggestions for a free-text query: project names and tags. */
  suggest(typed: string, limit: number): Suggestion[] {
    const prefix = typed.slice(0, MAX_SUGGESTION_CHARS);
    const max = clampSuggestionCount(limit);
    if (!prefix.trim()) return this.defaultSuggestions(max);
    const projects = this.projectPositionsFor(prefix, max);
    // Tags a typo away from what was typed are noise among the project names.
    const tags = matchOptions(this.facets.tags, prefix, max, { typos: false });
    const typedName = compact(prefix);
    const exactFirst = projects.filter((position) => this.compactNames[position] === typedName);
    const rest = projects.filter((position) => !exactFirst.includes(position));
    return [
      ...exactFirst.map((position) => this.projectSuggestion(position)),
      ...tags.map(tagSuggestion),
      ...rest.map((position) => this.projectSuggestion(position)),
    ].slice(0, max);
  }

  project(typed: string, limit: number): Suggestion[] {
    const prefix = typed.slice(0, MAX_SUGGESTION_CHARS);
    const max = clampSuggestionCount(limit);
    const positions = prefix.trim() ? this.projectPositionsFor(prefix, max) : this.alphabeticalPositions(max);
    return positions.map((position) => this.projectSuggestion(position));
  }

  tag(typed: string, limit: number): Suggestion[] {
    return matchOptions(
      this.facets.tags,
      typed.slice(0, MAX_SUGGESTION_CHARS),
      clampSuggestionCount(limit),
    ).map(tagSuggestion);
  }

  language(typed: string, limit: number): Suggestion[] {
    const prefix = typed.slice(0, MAX_SUGGESTION_CHARS);
    const languages = this.facets.languages;
    const aliased = languages.find((facet) => languageKey(facet.name) === languageKey(prefix));
    const matches = matchOptions(languages, prefix, clampSuggestionCount(limit));
    const ordered = aliased ? [aliased, ...matches.filter((facet) => facet !== aliased)] : matches;
    return ordered.slice(0, clampSuggestionCount(limit)).map((facet) => ({
      label: truncate(`${facet.name} (${facet.count})`, MAX_SUGGESTION_CHARS),
      value: truncate(facet.name, MAX_SUGGESTION_CHARS),
      kind: 'language',
    }));
  }

  /** `##` categories and their `###` sub-categories, in list order. */
  category(typed: string, limit: number): Suggestion[] {
    const prefix = typed.slice(0, MAX_SUGGESTION_CHARS);
    const options = this.facets.categories.flatMap((summary) => [
      { name: summary.name, label: `${summary.name} (${summary.count})` },
      ...summary.subcategories.map((sub) => ({
        name: sub.name,
        label: `${summary.name} › ${sub.name} (${sub.count})`,
      })),
    ]);
    return matchOptions(options, prefix, clampSuggestionCount(limit)).map((option) => ({
      label: truncate(option.label, MAX_SUGGESTION_CHARS),
      value: truncate(option.name, MAX_SUGGESTION_CHARS),
      kind: 'category',
    }));
  }

  private projectPositionsFor(prefix: string, max: number): number[] {
    const typed = compact(prefix.slice(0, 100));
    const found = new Set<number>();
    const add = (position: number): boolean => {
      if (found.size < max) found.add(position);
      return found.size < max;
    };
    if (!typed) return [];
    // Whole names starting with what was typed ("apache zoo" → Apache Zookeeper).
    let at = lowerBoundByKey(this.byCompactName, typed);
    for (; at < this.byCompactName.length; at++) {
      const item = this.byCompactName[at] as NameKey;
      if (!item.key.startsWith(typed) || !add(item.position)) break;
    }
    // Then names with a word (or repository word) starting with it, then typo-tolerant matches.
    const vocabulary = this.names.vocabulary;
    const [start, end] = vocabulary.prefixRange(typed);
    for (let index = start; index < end && found.size < max; index++) {
      for (const position of this.names.entriesOf(index)) if (!add(position)) break;
    }
    if (found.size < max && typed.length >= 3) {
      const matches = vocabulary.fuzzy(typed, typoBudget(typed.length), 'prefix', {
        maxResults: 200,
        sameFirstLetter: true,
      });
      matches.sort((a, b) => a.distance - b.distance || a.index - b.index);
      for (const match of matches) {
        for (const position of this.names.entriesOf(match.index)) if (!add(position)) break;
        if (found.size >= max) break;
      }
    }
    return [...found];
  }

  private alphabeticalPositions(max: number): number[] {
    return this.byCompactName.slice(0, max).map((item) => item.position);
  }

  private defaultSuggestions(max: number): Suggestion[] {
    const tags = this.facets.tags.slice(0, Math.min(5, max)).map(tagSuggestion);
    const projects = this.alphabeticalPositions(max - tags.length).map((position) =>
      this.projectSuggestion(position),
    );
    return [...tags, ...projects];
  }

  private projectSuggestion(position: number): Suggestion {
    const entry = this.entries[position] as Entry;
    const language = entry.language ? ` (${entry.language})` : '';
    const description = entry.description ? ` — ${entry.description}` : '';
    return {
      label: truncate(`${entry.name}${language}${description}`, MAX_SUGGESTION_CHARS),
      value: truncate(entry.id, MAX_SUGGESTION_CHARS),
      kind: 'project',
    };
  }
}

function tagSuggestion(tag: FacetCount): Suggestion {
  const projects = tag.count === 1 ? 'project' : 'projects';
  return {
    label: truncate(`${tag.name} — tag, ${tag.count} ${projects}`, MAX_SUGGESTION_CHARS),
    value: truncate(tag.name, MAX_SUGGESTION_CHARS),
    kind: 'tag',
  };
}

function lowerBoundByKey(items: readonly { key: string }[], key: string): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((items[mid] as { key: string }).key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function clampSuggestionCount(limit: number): number {
  return Math.min(MAX_SUGGESTIONS, clampCount(limit, MAX_SUGGESTIONS));
}
