/**
 * Checks a non-GitHub link: HEAD, then GET where HEAD is refused (405/501); at most 5 redirects; a
 * 10 s timeout; at most 4 checks at once and 1 per host; a User-Agent naming dsp and its repository.
 * Addresses on loopback, private, link-local and metadata ranges are refused — checked on the
 * resolved addresses at connect time, so DNS cannot point a check inside — unless allowed.
 * Results are values: a 404/410 is `gone`, a permanent redirect `moved`; timeouts, DNS failures,
 * 403, 429 and 5xx are `unknown`, never `gone`.
 */
import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { isPrivateAddress } from './addresses.js';
import { readRepositoryUrl } from '../version.js';
import { KeyedLimiter, Limiter } from './limit.js';

export type LinkCheck =
  | { kind: 'ok'; status: number }
  | { kind: 'moved'; status: number; location: string }
  | { kind: 'gone'; status: number }
  | { kind: 'unknown'; reason: string; status?: number }
  | { kind: 'skipped'; reason: string };

export interface LinkCheckerOptions {
  userAgent: string;
  allowPrivate?: boolean;
  /** Per check (default 10 s). */
  timeoutMs?: number;
  maxRedirects?: number;
  /** Checks at once (default 4) and per host (default 1). */
  concurrency?: number;
  perHost?: number;
  signal?: AbortSignal;
}

class PrivateAddressError extends Error {
  readonly code = 'EPRIVATE';
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** A dns.lookup that refuses private addresses, so the check of the name and the connection agree. */
function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) {
      callback(error, []);
      return;
    }
    const list = addresses as LookupAddress[];
    if (list.length === 0 || list.some((entry) => isPrivateAddress(entry.address))) {
      callback(new PrivateAddressError(`${hostname} resolves to a private address`), []);
      return;
    }
    if (options.all) callback(null, list);
    else callback(null, list[0]?.address ?? '', list[0]?.family ?? 4);
  });
}

interface Hop {
  status: number;
  location?: string;
}

export class LinkChecker {
  readonly #options: LinkCheckerOptions;
  readonly #all: Limiter;
  readonly #hosts: KeyedLimiter;

  constructor(options: LinkCheckerOptions) {
    this.#options = options;
    this.#all = new Limiter(options.concurrency ?? 4);
    this.#hosts = new KeyedLimiter(options.perHost ?? 1);
  }

  async check(url: string): Promise<LinkCheck> {
    let host: string;
    try {
      host = new URL(url).host.toLowerCase();
    } catch {
      return { kind: 'skipped', reason: 'not a URL' };
    }
    // The host slot first, so a busy host does not hold one of the overall slots while it waits.
    return this.#hosts.run(host, () => this.#all.run(() => this.#follow(url)));
  }

  async #follow(start: string): Promise<LinkCheck> {
    const maxRedirects = this.#options.maxRedirects ?? 5;
    const deadline = AbortSignal.timeout(this.#options.timeoutMs ?? 10_000);
    const signal = this.#options.signal ? AbortSignal.any([this.#options.signal, deadline]) : deadline;
    let url = start;
    let permanentTarget: string | undefined;
    let onlyPermanent = true;
    for (let redirects = 0; ; redirects++) {
      let hop: Hop;
      try {
        const target = new URL(url);
        if (target.protocol !== 'http:' && target.protocol !== 'https:') {
          return { kind: 'unknown', reason: `redirected to ${target.protocol} link` };
        }
        const literal = target.hostname.replace(/^\[|\]$/g, '');
        if (!this.#options.allowPrivate && isIP(literal) && isPrivateAddress(literal)) {
          return { kind: 'skipped', reason: 'private address' };
        }
        hop = await this.#request(target, 'HEAD', signal);
        if (hop.status === 405 || hop.status === 501) hop = await this.#request(target, 'GET', signal);
      } catch (error) {
        if (error instanceof PrivateAddressError || (error as { code?: string }).code === 'EPRIVATE') {
          return { kind: 'skipped', reason: 'private address' };
        }
        if (deadline.aborted) return { kind: 'unknown', reason: 'timeout' };
        this.#options.signal?.throwIfAborted();
        const code = (error as { code?: string }).code;
        return { kind: 'unknown', reason: code ?? (error instanceof Error ? error.message : 'error') };
      }
      const { status } = hop;
      if (status >= 300 && status < 400 && hop.location) {
        if (redirects >= maxRedirects) return { kind: 'unknown', reason: 'too many redirects', status };
        const next = new URL(hop.location, url).toString();
        const permanent = status === 301 || status === 308;
        if (permanent && onlyPermanent) permanentTarget = next;
        else onlyPermanent = false;
        url = next;
        continue;
      }
      if (status === 404 || status === 410) return { kind: 'gone', status };
      if (status >= 200 && status < 300) {
        if (permanentTarget && sameResource(permanentTarget, start) === false) {
          return { kind: 'moved', status, location: permanentTarget };
        }
        return { kind: 'ok', status };
      }
      return { kind: 'unknown', reason: `HTTP ${status}`, status };
    }
  }

  #request(url: URL, method: 'HEAD' | 'GET', signal: AbortSignal): Promise<Hop> {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<Hop>((resolve, reject) => {
      const req = send(
        url,
        {
          method,
          signal,
          headers: { 'user-agent': this.#options.userAgent, accept: 'text/html,*/*;q=0.8' },
          ...(this.#options.allowPrivate ? {} : { lookup: guardedLookup as never }),
        },
        (res: IncomingMessage) => {
          const location = res.headers.location;
          // Only the status matters: never read a body.
          res.destroy();
          resolve({ status: res.statusCode ?? 0, ...(location ? { location } : {}) });
        },
      );
      req.on('error', reject);
      req.end();
    });
  }
}

/** Redirects that only add a trailing slash or switch to https are not moves. */
function sameResource(a: string, b: string): boolean {
  const normal = (text: string) => {
    const url = new URL(text);
    return `${url.hostname.replace(/^www\./, '')}${url.pathname.replace(/\/+$/, '')}${url.search}`;
  };
  try {
    return normal(a) === normal(b);
  } catch {
    return false;
  }
}

/**
 * The User-Agent for link checks and GitHub requests: dsp, its version and where it lives
 * (package.json `homepage`/`repository`), so a site owner can see who is checking and why.
 */
export function userAgent(version: string, repositoryUrl = readRepositoryUrl()): string {
  return repositoryUrl ? `dsp/${version} (+${repositoryUrl})` : `dsp/${version}`;
}
