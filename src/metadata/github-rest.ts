/**
 * REST lookups (`GET /repos/{owner}/{repo}`), one repository per request, conditional with the
 * stored ETag (a 304 costs no budget): how dsp learns about repositories without a token.
 */
import { factsFromRest } from './github-facts.js';
import type { RepoLookup, RestRepository } from './github-facts.js';
import { GitHubHttp } from './github-http.js';
import type { GitHubClientOptions, GitHubCounters } from './github-http.js';

/** Anonymous (or token) REST lookups, one repository per request. */
export class GitHubRestClient {
  readonly #http: GitHubHttp;

  constructor(options: GitHubClientOptions) {
    this.#http = new GitHubHttp(options, 'rest');
  }

  get counters(): GitHubCounters {
    return this.#http.counters;
  }

  /** `fullName` as `owner/name`; `etag` from the last answer makes the request conditional. */
  async repo(fullName: string, etag?: string): Promise<RepoLookup> {
    let url = `${this.#http.options.apiUrl}/repos/${fullName.split('/').map(encodeURIComponent).join('/')}`;
    // A moved repository answers 301 to /repositories/{id}; follow a few hops, each paced.
    for (let hop = 0; hop < 4; hop++) {
      const sent = await this.#http.send(url, {
        headers: this.#http.headers(etag ? { 'if-none-match': etag } : {}),
      });
      if (!sent.ok) return { kind: 'failed', reason: sent.reason };
      const { response } = sent;
      if (response.status === 304) return { kind: 'not-modified' };
      if (response.status === 404 || response.status === 410) {
        await response.body?.cancel();
        return { kind: 'not-found' };
      }
      if ([301, 302, 307, 308].includes(response.status)) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (!location) return { kind: 'failed', reason: `HTTP ${response.status} without Location` };
        url = new URL(location, url).toString();
        continue;
      }
      if (response.status !== 200) {
        await response.body?.cancel();
        return { kind: 'failed', reason: `HTTP ${response.status}` };
      }
      try {
        const facts = factsFromRest((await response.json()) as RestRepository);
        const tag = response.headers.get('etag');
        return { kind: 'found', facts, ...(tag ? { etag: tag } : {}) };
      } catch {
        return { kind: 'failed', reason: 'unreadable answer' };
      }
    }
    return { kind: 'failed', reason: 'too many redirects' };
  }
}
