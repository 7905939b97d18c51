export type LinkKind = 'http' | 'anchor' | 'relative' | 'other-scheme';

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** How a link target should be treated: only absolute http(s) links make entries. */
export function classifyLink(url: string): LinkKind {
  const target = url.trim();
  if (target.startsWith('#')) return 'anchor';
  const scheme = SCHEME.exec(target)?.[1]?.toLowerCase();
  if (scheme === undefined) return 'relative';
  if ((scheme === 'http' || scheme === 'https') && isParsableUrl(target)) return 'http';
  return 'other-scheme';
}

function isParsableUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.hostname.length > 0;
  } catch {
    return false;
  }
}

/**
 * Key under which two URLs count as the same project: scheme, `www.`, host case, a trailing slash and a
 * trailing `.git` are ignored.
 */
export function normalizeUrl(url: string): string {
  try {
    const parsed = new URL(url.trim());
    const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
    const port = parsed.port ? `:${parsed.port}` : '';
    const path = parsed.pathname
      .replace(/\/+$/, '')
      .replace(/\.git$/i, '')
      .replace(/\/+$/, '');
    return `${host}${port}${path}${parsed.search}${parsed.hash}`;
  } catch {
    return url.trim().toLowerCase();
  }
}
