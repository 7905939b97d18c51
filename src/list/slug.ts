const MAX_SLUG_LENGTH = 80;

/** Lowercase ASCII slug: runs of anything but letters and digits become one `-`. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, '');
}

/**
 * Stable id for an entry: `owner-name` for GitHub repositories (github.com/etcd-io/etcd → `etcd-io-etcd`),
 * otherwise host and path (nodejs.org/dist/latest/docs/api → `nodejs-org-dist-latest-docs-api`).
 */
export function entrySlug(url: string, repo: string | undefined): string {
  if (repo !== undefined) return slugify(repo) || 'entry';
  try {
    const parsed = new URL(url);
    const host = parsed.hostname.replace(/^www\./, '');
    return slugify(`${host}${parsed.pathname}`) || 'entry';
  } catch {
    return slugify(url) || 'entry';
  }
}

/** Makes ids unique within one list: the second `x` becomes `x-2`, the third `x-3`. */
export class IdAllocator {
  private readonly used = new Set<string>();
  /** Next suffix to try per slug, so thousands of equal slugs stay linear. */
  private readonly nextSuffix = new Map<string, number>();

  allocate(slug: string): string {
    let id = slug;
    let suffix = this.nextSuffix.get(slug) ?? 2;
    while (this.used.has(id)) {
      id = `${slug}-${suffix}`;
      suffix += 1;
    }
    this.nextSuffix.set(slug, suffix);
    this.used.add(id);
    return id;
  }
}
