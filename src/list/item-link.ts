/** An item's link: which of its links is its own, the name it falls back to, and how a bad one is quoted. */
import { truncate } from '../text/truncate.js';
import type { FoundLink } from './inline.js';
import { classifyLink } from './url.js';

/**
 * The item's own link: the first http(s) link with visible text (badges have none), else any http(s) link;
 * without one, the first other non-anchor link, which is only reported.
 */
export function primaryLink(links: readonly FoundLink[]): FoundLink | undefined {
  const web = links.filter((link) => classifyLink(link.url) === 'http');
  const named = web.find((link) => link.text.trim().length > 0) ?? web[0];
  return named ?? links.find((link) => classifyLink(link.url) !== 'anchor');
}

/** A name for items whose link text is empty or the bare URL: the repository name, else the host. */
export function fallbackName(url: string, repo: string | undefined): string {
  if (repo !== undefined) return repo.split('/')[1] ?? repo;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/** A link target as quoted in a diagnostic. */
export function describeUrl(url: string): string {
  return JSON.stringify(truncate(url.trim(), 80));
}
