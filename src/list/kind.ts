/**
 * The kind of an entry: `project` (software: a repository, a package, a product) or `resource`
 * (something to read, watch, attend or browse: books, papers, courses, talks, articles, other
 * lists, communities). Decided from the list's structure, first rule that applies:
 *
 * 1. A link that plainly points at a resource (another awesome list, a PDF or arXiv paper, a
 *    video) or at more of the same elsewhere (`More…`) is a resource.
 * 2. The headings above the entry (at any depth: `# Resources › ## Meetups`; link-less group
 *    bullets too): one naming software (`Software`, `Packages`, `Tools`, …) makes it a project,
 *    else one naming resources (`Resources`, `Other Resources`, `Books`, `Papers`, `Talks`,
 *    `Related lists`, `External Links`, …) a resource. Software wins: `Software › Learning and
 *    Courses` lists learning software, `Resources › Tools` lists tools. A heading names a kind
 *    only when all its words do: `Machine Learning`, `Resource Planning`, `Human Resources
 *    Management` and `## Video` (video libraries) name topics.
 * 3. Otherwise the link decides: a link whose text only names a resource (`Documentation`) is
 *    one unless it is a repository; a repository or a package page is a project; a paper, video,
 *    book, course, article or community page a resource; any other site takes the kind most of
 *    the list's links point at (a list of repositories lists software, a list of papers and
 *    articles is a reading list).
 */
import type { LinkTarget } from './link-target.js';
import type { EntryKind } from './types.js';

export type HeadingKind = EntryKind | undefined;

/** Words that qualify a heading without changing what it names: `Other`, `Related`, `Free`, … */
const QUALIFIERS = new Set([
  'a',
  'about',
  'additional',
  'also',
  'an',
  'and',
  'external',
  'for',
  'free',
  'further',
  'general',
  'guided',
  'in',
  'meta',
  'more',
  'of',
  'on',
  'online',
  'other',
  'recommended',
  'related',
  'see',
  'the',
  'to',
  'useful',
]);

/**
 * Nouns that name resources. Ambiguous singulars are left out on purpose: `## Video` in a list of
 * libraries is video software, `## Videos` a list of talks; `Machine Learning` is not `Learning`.
 */
const RESOURCE_NOUNS = new Set([
  'articles',
  'blogs',
  'book',
  'books',
  'bootcamp',
  'cheatsheets',
  'communities',
  'community',
  'conferences',
  'courses',
  'ebooks',
  'events',
  'guides',
  'learning',
  'lectures',
  'links',
  'lists',
  'meetups',
  'newsletters',
  'papers',
  'podcasts',
  'posts',
  'presentations',
  'publications',
  'reading',
  'readings',
  'reddit',
  'research',
  'resources',
  'screencasts',
  'slides',
  'socialmedia',
  'styleguides',
  'talk',
  'talks',
  'tutorials',
  'twitter',
  'videos',
  'webinars',
  'websites',
]);

/** Nouns that name software. */
const PROJECT_NOUNS = new Set([
  'applications',
  'apps',
  'implementations',
  'libraries',
  'packages',
  'programs',
  'projects',
  'software',
  'tools',
]);

/** Link targets that settle the kind whatever the heading above says. */
const PLAIN_RESOURCE_TARGETS = new Set<LinkTarget>(['list', 'paper', 'video']);

/** Link texts that point at more of the same elsewhere (`More…`, `See all`), not at one thing. */
const MORE_TEXT = /^(?:(?:see|and|view)\s+)?(?:more|all|(?:the\s+)?full\s+list)\W*$/i;

/**
 * Link texts that are nothing but the name of a kind of resource (`Documentation`), read as such
 * where no heading says otherwise and the link is not a repository (a tool named `docs`).
 */
const RESOURCE_TEXT = /^(?:documentation|docs|manual|handbook|blog|paper|slides|video|book|tutorial)\W*$/i;

/**
 * What a heading says about the items under it: `resource` when every word of it (qualifiers
 * aside) names resources, `project` when every word names software, else nothing.
 */
export function headingKind(heading: string): HeadingKind {
  const words = (joinCompounds(heading.toLowerCase()).match(/[\p{L}\p{N}]+/gu) ?? []).filter(
    (word) => !QUALIFIERS.has(word),
  );
  if (words.length === 0) return undefined;
  if (words.every((word) => PROJECT_NOUNS.has(word))) return 'project';
  if (words.every((word) => RESOURCE_NOUNS.has(word))) return 'resource';
  return undefined;
}

/** Two-word names of resources read as one word: `Social Media`, `Style Guides`, `E-Books`. */
function joinCompounds(heading: string): string {
  return heading
    .replace(/\bsocial\s+media\b/g, 'socialmedia')
    .replace(/\bstyle\s+guides?\b/g, 'styleguides')
    .replace(/\be-?books?\b/g, 'ebooks');
}

/** The kind the headings above an entry give it, outermost first; a software heading wins. */
export function sectionKind(headings: readonly string[]): HeadingKind {
  const kinds = headings.map(headingKind);
  if (kinds.includes('project')) return 'project';
  return kinds.includes('resource') ? 'resource' : undefined;
}

/** Where an entry stands before the whole list is known. */
export interface KindEvidence {
  section: HeadingKind;
  target: LinkTarget;
  name: string;
}

/** The kind of a link taken alone, or undefined for a site that does not say. */
export function targetKind(target: LinkTarget): HeadingKind {
  if (target === 'site') return undefined;
  return target === 'repository' ? 'project' : 'resource';
}

/**
 * The kind most of the list's links point at, for sites that say nothing: project unless
 * resource links outnumber repository links.
 */
export function listDefaultKind(evidence: readonly KindEvidence[]): EntryKind {
  let repositories = 0;
  let resources = 0;
  for (const { target } of evidence) {
    const kind = targetKind(target);
    if (kind === 'project') repositories++;
    else if (kind === 'resource') resources++;
  }
  return resources > repositories ? 'resource' : 'project';
}

/** The kind of one entry, by the rules at the top of this file. */
export function decideKind(evidence: KindEvidence, listDefault: EntryKind): EntryKind {
  const text = evidence.name.trim();
  if (PLAIN_RESOURCE_TARGETS.has(evidence.target) || MORE_TEXT.test(text)) return 'resource';
  if (evidence.section !== undefined) return evidence.section;
  if (evidence.target !== 'repository' && RESOURCE_TEXT.test(text)) return 'resource';
  return targetKind(evidence.target) ?? listDefault;
}
