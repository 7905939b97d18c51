/**
 * GraphQL lookups with GITHUB_TOKEN: up to 100 repositories per query by aliases, so a list of N
 * repositories takes ⌈N/100⌉ queries; a missing repository is a NOT_FOUND error on its alias.
 */
import { factsFromGraphql } from './github-facts.js';
import type { GraphqlAnswer, RepoLookup } from './github-facts.js';
import { GitHubHttp } from './github-http.js';
import type { GitHubClientOptions, GitHubCounters } from './github-http.js';

const FRAGMENT = `fragment R on Repository { nameWithOwner stargazerCount forkCount pushedAt isArchived isDisabled description licenseInfo { spdxId } repositoryTopics(first: 20) { nodes { topic { name } } } }`;

/** At most this many repositories per GraphQL query (GitHub's node limit allows 100). */
export const GRAPHQL_BATCH = 100;

/** GraphQL lookups with a token: ⌈N/100⌉ queries for N repositories. */
export class GitHubGraphqlClient {
  readonly #http: GitHubHttp;

  constructor(options: GitHubClientOptions) {
    if (!options.token) throw new Error('the GraphQL API needs GITHUB_TOKEN');
    this.#http = new GitHubHttp(options, 'graphql');
  }

  get counters(): GitHubCounters {
    return this.#http.counters;
  }

  /** One query for at most GRAPHQL_BATCH repositories; results keyed by the name asked for. */
  async batch(fullNames: readonly string[]): Promise<Map<string, RepoLookup>> {
    if (fullNames.length > GRAPHQL_BATCH) throw new Error(`at most ${GRAPHQL_BATCH} repositories per query`);
    const results = new Map<string, RepoLookup>();
    const fields = fullNames.map((fullName, i) => {
      const [owner = '', name = ''] = fullName.split('/');
      return `r${i}: repository(owner: ${JSON.stringify(owner)}, name: ${JSON.stringify(name)}) { ...R }`;
    });
    const query = `query { ${fields.join(' ')} } ${FRAGMENT}`;
    const sent = await this.#http.send(`${this.#http.options.apiUrl}/graphql`, {
      method: 'POST',
      headers: this.#http.headers({ 'content-type': 'application/json' }),
      body: JSON.stringify({ query }),
    });
    const failAll = (reason: string) => {
      for (const fullName of fullNames) results.set(fullName, { kind: 'failed', reason });
      return results;
    };
    if (!sent.ok) return failAll(sent.reason);
    if (sent.response.status !== 200) {
      await sent.response.body?.cancel();
      return failAll(`HTTP ${sent.response.status}`);
    }
    let answer: GraphqlAnswer;
    try {
      answer = (await sent.response.json()) as GraphqlAnswer;
    } catch {
      return failAll('unreadable answer');
    }
    const errorsByAlias = new Map<string, string>();
    for (const error of answer.errors ?? []) {
      const alias = error.path?.[0];
      if (typeof alias === 'string') errorsByAlias.set(alias, error.type ?? error.message ?? 'error');
    }
    fullNames.forEach((fullName, i) => {
      const alias = `r${i}`;
      const node = answer.data?.[alias];
      const error = errorsByAlias.get(alias);
      if (node) results.set(fullName, { kind: 'found', facts: factsFromGraphql(node) });
      else if (error === 'NOT_FOUND') results.set(fullName, { kind: 'not-found' });
      else results.set(fullName, { kind: 'failed', reason: error ?? 'no data' });
    });
    return results;
  }
}
