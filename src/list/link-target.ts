/**
 * What an entry's link points at, read from the URL alone: a code repository or package page,
 * another list, a paper, a video, a book, a course, an article, a community, or a site that says
 * nothing either way. Used to tell software from reading where the headings do not.
 */

export type LinkTarget =
  'repository' | 'list' | 'paper' | 'video' | 'book' | 'course' | 'article' | 'community' | 'site';

/** Hosts whose `/<owner>/<name>` pages are code repositories. */
const FORGES = new Set(['github.com', 'gitlab.com', 'bitbucket.org', 'codeberg.org', 'git.sr.ht', 'sr.ht']);

/** Package registries: a page under the prefix is a package. */
const PACKAGE_PAGES: readonly [host: string, prefix: string][] = [
  ['npmjs.com', '/package/'],
  ['pypi.org', '/project/'],
  ['crates.io', '/crates/'],
  ['pkg.go.dev', '/'],
  ['hex.pm', '/packages/'],
  ['rubygems.org', '/gems/'],
  ['nuget.org', '/packages/'],
  ['sourceforge.net', '/projects/'],
  ['hub.docker.com', '/'],
];

/** Hosts (or their subdomains) that serve one kind of resource. */
const RESOURCE_HOSTS: Record<string, Exclude<LinkTarget, 'repository' | 'site'>> = {
  'arxiv.org': 'paper',
  'dl.acm.org': 'paper',
  'usenix.org': 'paper',
  'link.springer.com': 'paper',
  'ieeexplore.ieee.org': 'paper',
  'researchgate.net': 'paper',
  'semanticscholar.org': 'paper',
  'citeseerx.ist.psu.edu': 'paper',
  'papers.ssrn.com': 'paper',
  'youtube.com': 'video',
  'youtu.be': 'video',
  'vimeo.com': 'video',
  'slideshare.net': 'video',
  'speakerdeck.com': 'video',
  'manning.com': 'book',
  'oreilly.com': 'book',
  'leanpub.com': 'book',
  'packtpub.com': 'book',
  'pragprog.com': 'book',
  'openlibrary.org': 'book',
  'coursera.org': 'course',
  'edx.org': 'course',
  'udemy.com': 'course',
  'udacity.com': 'course',
  'ocw.mit.edu': 'course',
  'pluralsight.com': 'course',
  'egghead.io': 'course',
  'frontendmasters.com': 'course',
  'medium.com': 'article',
  'dev.to': 'article',
  'hashnode.com': 'article',
  'substack.com': 'article',
  'blogspot.com': 'article',
  'wordpress.com': 'article',
  'tumblr.com': 'article',
  'wikipedia.org': 'article',
  'infoq.com': 'article',
  'gist.github.com': 'list',
  'twitter.com': 'community',
  'x.com': 'community',
  'reddit.com': 'community',
  'meetup.com': 'community',
  'discord.com': 'community',
  'discord.gg': 'community',
  'stackoverflow.com': 'community',
  'news.ycombinator.com': 'community',
};

/** Path words that name a kind of resource, tried last: `/papers/`, `/blog/`, `/courses/`. */
const RESOURCE_PATH: readonly [RegExp, Exclude<LinkTarget, 'repository' | 'site'>][] = [
  [/\.pdf$/i, 'paper'],
  [/\/(?:papers?|pubs|publications?)\//i, 'paper'],
  [/\/(?:videos?|watch|talks?)(?:\/|$)/i, 'video'],
  [/\/(?:courses?)(?:\/|$)/i, 'course'],
  [/\/(?:blog|posts?|articles?)(?:\/|$)/i, 'article'],
  [/^\/dp\/|\/dp\/\w+/i, 'book'],
];

/** An awesome list or reading list hosted as a repository. */
const LIST_REPOSITORY =
  /^(?:awesome\b|awesome[-_]|.*[-_]awesome$)|(?:^|[-_])(?:reading[-_]?list|papers|readings)$/i;

/** What the link points at; `site` when the URL does not say. */
export function linkTarget(url: string): LinkTarget {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return 'site';
  }
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  const path = parsed.pathname;
  return forgeTarget(host, path) ?? hostTarget(host) ?? pathTarget(host, path) ?? 'site';
}

/** `repository` for a repository page, `list`/`paper`/… for a list or a document inside one. */
function forgeTarget(host: string, path: string): LinkTarget | undefined {
  if (FORGES.has(host)) {
    const [owner, name, view, , ...file] = path.split('/').filter((part) => part.length > 0);
    if (owner === undefined || name === undefined) return undefined;
    if (LIST_REPOSITORY.test(name)) return 'list';
    const document = view === 'blob' || view === 'raw' ? file.join('/') : '';
    if (/\.pdf$/i.test(document)) return 'paper';
    if (/\.(?:md|markdown|rst|txt)$/i.test(document)) return 'article';
    return 'repository';
  }
  if (host === 'raw.githubusercontent.com') return /\.pdf$/i.test(path) ? 'paper' : 'article';
  const registry = PACKAGE_PAGES.find(
    ([registryHost, prefix]) =>
      host === registryHost && path.startsWith(prefix) && path.length > prefix.length,
  );
  return registry === undefined ? undefined : 'repository';
}

function hostTarget(host: string): LinkTarget | undefined {
  for (let suffix = host; suffix.includes('.'); suffix = suffix.slice(suffix.indexOf('.') + 1)) {
    const target = RESOURCE_HOSTS[suffix];
    if (target !== undefined) return target;
  }
  if (/^blog\.|\.blog$|blog\./.test(host)) return 'article';
  if (/(?:^|\.)amazon\.[a-z.]+$/.test(host)) return 'book';
  return undefined;
}

function pathTarget(host: string, path: string): LinkTarget | undefined {
  for (const [pattern, target] of RESOURCE_PATH) if (pattern.test(path)) return target;
  return host.startsWith('learning.') || host.startsWith('courses.') ? 'course' : undefined;
}
