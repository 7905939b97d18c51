/**
 * The projects a piece of chat text names or links: repository URLs and other links of the list,
 * `owner/repo`, names (also a typo away), in the order they appear. For "Find projects" on a
 * message. Pure, over the entries of one list.
 */
import { githubRepo } from '../list/repo.js';
import type { Entry } from '../list/types.js';
import { editDistanceWithin } from './close-names.js';
import { compact, fold } from './text.js';

export interface MentionedProjects {
  /** In order of first appearance, without duplicates. */
  entries: Entry[];
  /** When nothing matched: names a word of the text is close to. */
  didYouMean: Entry[];
}

const URL_PATTERN = /https?:\/\/[^\s<>()[\]]+/gi;
const OWNER_REPO = /(?<![\w./-])([A-Za-z0-9_.-]{1,39})\/([A-Za-z0-9_.-]{1,100})(?![\w/])/g;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}_.-]*/gu;
/** Names shorter than this are found by URL or owner/repo only: "Go", "OS" are words too. */
const MIN_NAME_LENGTH = 3;
/** Typos are forgiven in words at least this long. */
const MIN_TYPO_LENGTH = 5;
const COMMON = new Set(
  'the and for with that this from have what when where which about there their would could should into your more some than them then they other only also just like make over such most time very'.split(
    ' ',
  ),
);

function normaliseUrl(url: string): string {
  return fold(url)
    .replace(/^https?:\/\/(www\.)?/, '')
    .replace(/[/#?.,;:!]+$/, '');
}

/** The keys a project is named by in chat: its compact name, and its repository's name. */
function nameKeys(entry: Entry): string[] {
  const keys = [compact(entry.name)];
  const repoName = entry.repo?.split('/')[1];
  if (repoName) keys.push(compact(repoName));
  return [...new Set(keys)].filter((key) => key.length >= MIN_NAME_LENGTH && !COMMON.has(key));
}

export class MentionFinder {
  private readonly byKey = new Map<string, Entry>();
  private readonly byRepo = new Map<string, Entry>();
  private readonly byUrl = new Map<string, Entry>();

  constructor(entries: readonly Entry[]) {
    for (const entry of entries) {
      for (const key of nameKeys(entry)) if (!this.byKey.has(key)) this.byKey.set(key, entry);
      if (entry.repo && !this.byRepo.has(fold(entry.repo))) this.byRepo.set(fold(entry.repo), entry);
      const url = normaliseUrl(entry.url);
      if (!this.byUrl.has(url)) this.byUrl.set(url, entry);
    }
  }

  find(text: string, limit = 25): MentionedProjects {
    const found: { at: number; entry: Entry }[] = [];
    const add = (at: number, entry: Entry | undefined) => {
      if (entry) found.push({ at, entry });
    };
    for (const match of text.matchAll(URL_PATTERN)) {
      const url = match[0];
      const repo = githubRepo(url.replace(/[.,;:!?]+$/, ''));
      add(match.index, (repo ? this.byRepo.get(fold(repo)) : undefined) ?? this.byUrl.get(normaliseUrl(url)));
    }
    const withoutUrls = text.replace(URL_PATTERN, (url) => ' '.repeat(url.length));
    for (const match of withoutUrls.matchAll(OWNER_REPO)) {
      add(match.index, this.byRepo.get(fold(`${match[1]}/${match[2]}`.replace(/\.git$/i, ''))));
    }
    const plain = withoutUrls.replace(OWNER_REPO, (pair) => ' '.repeat(pair.length));
    const words = [...plain.matchAll(WORD)].map((m) => ({ at: m.index, key: compact(m[0]) }));
    const near: Entry[] = [];
    words.forEach((word, i) => {
      // Names of up to three words ("Apache Zookeeper"), longest first.
      for (let span = 3; span >= 1; span--) {
        const parts = words.slice(i, i + span);
        if (parts.length < span) continue;
        const entry = this.byKey.get(parts.map((p) => p.key).join(''));
        if (entry) {
          add(word.at, entry);
          return;
        }
      }
      if (word.key.length < MIN_NAME_LENGTH - 1 || COMMON.has(word.key)) return;
      const typo = this.closest(word.key, word.key.length >= MIN_TYPO_LENGTH ? 1 : 0);
      if (typo) {
        add(word.at, typo);
        return;
      }
      const close = this.closest(word.key, word.key.length >= MIN_TYPO_LENGTH ? 2 : 1);
      if (close && word.key.length >= 4) near.push(close);
    });
    const seen = new Set<string>();
    const entries = found
      .sort((a, b) => a.at - b.at)
      .map((f) => f.entry)
      .filter((entry) => !seen.has(entry.id) && seen.add(entry.id))
      .slice(0, limit);
    const nearIds = new Set<string>();
    const didYouMean =
      entries.length > 0 ? [] : near.filter((e) => !nearIds.has(e.id) && nearIds.add(e.id)).slice(0, 3);
    return { entries, didYouMean };
  }

  /** The name within `max` edits of the word (the nearest; first in list order on a tie). */
  private closest(word: string, max: number): Entry | undefined {
    if (max === 0) return undefined;
    let best: Entry | undefined;
    let bestDistance = max + 1;
    for (const [key, entry] of this.byKey) {
      if (key.length < MIN_TYPO_LENGTH - 1 || key[0] !== word[0]) continue;
      const distance = editDistanceWithin(word, key, max);
      if (distance > 0 && distance < bestDistance) {
        best = entry;
        bestDistance = distance;
      }
    }
    return best;
  }
}
