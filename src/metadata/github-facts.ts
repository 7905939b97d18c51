/**
 * What GitHub's REST and GraphQL APIs answer about a repository, as the RepoFacts dsp keeps, and
 * the result of one lookup as a value: a lookup never throws for what GitHub answered.
 */
import type { RepoFacts } from './types.js';

export type RepoLookup =
  | { kind: 'found'; facts: RepoFacts; etag?: string }
  | { kind: 'not-modified' }
  | { kind: 'not-found' }
  | { kind: 'failed'; reason: string };

export interface RestRepository {
  full_name: string;
  stargazers_count: number;
  forks_count: number;
  pushed_at: string | null;
  archived: boolean;
  disabled: boolean;
  license: { spdx_id?: string | null } | null;
  topics?: string[];
  description: string | null;
}

export interface GraphqlRepository {
  nameWithOwner: string;
  stargazerCount: number;
  forkCount: number;
  pushedAt: string | null;
  isArchived: boolean;
  isDisabled: boolean;
  description: string | null;
  licenseInfo: { spdxId: string | null } | null;
  repositoryTopics: { nodes: { topic: { name: string } }[] };
}

export interface GraphqlAnswer {
  data?: Record<string, GraphqlRepository | null> | null;
  errors?: { type?: string; path?: (string | number)[]; message?: string }[];
}

/** What either API said, without the optional fields it left empty (null, '' or NOASSERTION). */
function repoFacts(
  always: Omit<RepoFacts, 'pushedAt' | 'license' | 'description'>,
  maybe: { pushedAt: string | null; spdxId: string | null | undefined; description: string | null },
): RepoFacts {
  const facts: RepoFacts = { ...always };
  if (maybe.pushedAt) facts.pushedAt = maybe.pushedAt;
  if (maybe.spdxId && maybe.spdxId !== 'NOASSERTION') facts.license = maybe.spdxId;
  if (maybe.description) facts.description = maybe.description;
  return facts;
}

export function factsFromRest(body: RestRepository): RepoFacts {
  return repoFacts(
    {
      fullName: body.full_name,
      stars: body.stargazers_count,
      forks: body.forks_count,
      archived: body.archived,
      disabled: body.disabled,
      topics: body.topics ?? [],
    },
    { pushedAt: body.pushed_at, spdxId: body.license?.spdx_id, description: body.description },
  );
}

export function factsFromGraphql(node: GraphqlRepository): RepoFacts {
  return repoFacts(
    {
      fullName: node.nameWithOwner,
      stars: node.stargazerCount,
      forks: node.forkCount,
      archived: node.isArchived,
      disabled: node.isDisabled,
      topics: node.repositoryTopics.nodes.map((item) => item.topic.name),
    },
    { pushedAt: node.pushedAt, spdxId: node.licenseInfo?.spdxId, description: node.description },
  );
}
