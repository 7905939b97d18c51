export interface PeeledTags {
  /** The text with its trailing `[...]` groups removed. */
  text: string;
  tags: string[];
  archived: boolean;
}

const TRAILING_GROUP = /\s*\[([^[\]]*)\]\s*$/;
const ARCHIVED_TAG = /^archived$/i;

/** Splits a `Raft + gRPC` group into trimmed, non-empty tags. */
export function splitTagGroup(group: string): string[] {
  return group
    .split('+')
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
}

/**
 * Removes trailing `[Raft + gRPC]` groups from a description. `[Archived]` sets `archived` and is NOT
 * kept in `tags`: tags describe the technology, archival is a status carried by its own flag.
 */
export function peelTrailingTags(text: string): PeeledTags {
  let rest = text;
  const groups: string[][] = [];
  for (let match = TRAILING_GROUP.exec(rest); match; match = TRAILING_GROUP.exec(rest)) {
    groups.unshift(splitTagGroup(match[1] ?? ''));
    rest = rest.slice(0, match.index);
  }
  const all = groups.flat();
  const tags = all.filter((tag) => !ARCHIVED_TAG.test(tag));
  return { text: rest.trim(), tags, archived: tags.length !== all.length };
}

/** Appends tags that are not already present (case-insensitive), keeping first spelling and order. */
export function mergeTags(into: string[], extra: readonly string[]): string[] {
  const seen = new Set(into.map((tag) => tag.toLowerCase()));
  const merged = [...into];
  for (const tag of extra) {
    if (seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    merged.push(tag);
  }
  return merged;
}
