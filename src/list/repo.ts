/** First path segments of github.com that are site pages, not users or organisations. */
const RESERVED_OWNERS = new Set([
  'about',
  'apps',
  'collections',
  'customer-stories',
  'enterprise',
  'explore',
  'features',
  'login',
  'marketplace',
  'new',
  'notifications',
  'orgs',
  'pricing',
  'search',
  'settings',
  'site',
  'sponsors',
  'topics',
  'trending',
]);

const GITHUB_NAME = /^[A-Za-z0-9_.-]+$/;

/** `owner/name` for a github.com repository URL (any deeper path is ignored), otherwise undefined. */
export function githubRepo(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  if (host !== 'github.com') return undefined;
  const [owner, rawName] = parsed.pathname.split('/').filter((segment) => segment.length > 0);
  if (owner === undefined || rawName === undefined) return undefined;
  const name = rawName.replace(/\.git$/i, '');
  if (RESERVED_OWNERS.has(owner.toLowerCase())) return undefined;
  if (!GITHUB_NAME.test(owner) || !GITHUB_NAME.test(name) || name.length === 0) return undefined;
  return `${owner}/${name}`;
}
