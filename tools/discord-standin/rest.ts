/**
 * The REST side: /api/v10 routes, auth, request recording, per-route rate-limit headers,
 * an optional global limit, and injected faults.
 *
 * One file though long: one request pipeline, each step (auth, rate limits, faults, recording) a stage
 * of the same handler.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { boundaryOf, parseMultipart, type MultipartPart } from './multipart.js';
import type { FaultHandle, FaultSpec, GlobalRateLimit, JsonObject, RecordedRequest } from './types.js';

export interface RestRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: MultipartPart[];
}

export interface RestReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type RestHandler = (request: RestRequest) => RestReply;

interface Route {
  method: string;
  pattern: RegExp;
  /** Bucket template, e.g. POST /channels/:id/messages. */
  bucket: string;
  /** Route param that scopes the bucket (Discord's "major parameter"). */
  major: string | null;
  auth: boolean;
  /** Interaction callbacks are exempt from rate limits, as on Discord. */
  limited: boolean;
  handler: RestHandler;
}

interface ActiveFault extends Required<Omit<FaultSpec, 'method' | 'message'>> {
  method: string | undefined;
  message: string | undefined;
  hits: number;
}

export function discordError(status: number, code: number, message: string): RestReply {
  return { status, body: { message, code } };
}

export const NOT_FOUND: RestReply = { status: 404, body: { message: '404: Not Found', code: 0 } };
const UNAUTHORIZED: RestReply = { status: 401, body: { message: '401: Unauthorized', code: 0 } };
const API_PREFIX = '/api/v10';

function compile(template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(segment.slice(1));
      return `(?<${segment.slice(1)}>[^/]+)`;
    })
    .join('/');
  return { pattern: new RegExp(`^${source}$`), names };
}

function bucketHash(bucket: string): string {
  let hash = 0;
  for (let i = 0; i < bucket.length; i++) hash = (Math.imul(hash, 31) + bucket.charCodeAt(i)) | 0;
  return (hash >>> 0).toString(16).padStart(8, '0');
}

export interface RestOptions {
  token: string;
  globalRateLimit: GlobalRateLimit | undefined;
  routeRateLimit: { limit: number; windowMs: number };
  maxRecordedRequests: number;
}

export class RestApi {
  private readonly routes: Route[] = [];
  private readonly faults: ActiveFault[] = [];
  private readonly buckets = new Map<string, { count: number; resetAt: number }>();
  private globalWindow = { count: 0, resetAt: 0 };
  readonly requests: RecordedRequest[] = [];

  constructor(private readonly options: RestOptions) {}

  route(
    method: string,
    template: string,
    handler: RestHandler,
    opts: { auth?: boolean; limited?: boolean } = {},
  ): void {
    const { pattern, names } = compile(template);
    const major = names.find((n) => n === 'channel' || n === 'guild' || n === 'webhookToken') ?? null;
    this.routes.push({
      method,
      pattern,
      bucket: `${method} ${template}`,
      major,
      auth: opts.auth ?? true,
      limited: opts.limited ?? true,
      handler,
    });
  }

  injectFault(spec: FaultSpec): FaultHandle {
    const fault: ActiveFault = {
      method: spec.method?.toUpperCase(),
      path: spec.path,
      status: spec.status,
      count: spec.count ?? 1,
      retryAfterMs: spec.retryAfterMs ?? 100,
      global: spec.global ?? false,
      code: spec.code ?? 0,
      message: spec.message,
      hits: 0,
    };
    this.faults.push(fault);
    return {
      get hits() {
        return fault.hits;
      },
      get remaining() {
        return fault.count;
      },
      cancel: () => {
        fault.count = 0;
      },
    };
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.startsWith(`${API_PREFIX}/`)
      ? url.pathname.slice(API_PREFIX.length)
      : url.pathname;
    const parsed = parseBody(req.headers['content-type'], raw);
    const request: RestRequest = {
      method,
      path,
      params: {},
      query: url.searchParams,
      body: parsed.body,
      files: parsed.files,
    };
    const headers: Record<string, string> = {};
    let reply: RestReply;
    try {
      reply = this.dispatch(req, request, parsed.error, headers);
    } catch (error) {
      // A bug in the stand-in must surface in the test, not hang the request.
      reply = discordError(
        500,
        0,
        `standin internal error: ${error instanceof Error ? error.stack : String(error)}`,
      );
    }
    this.record(req, request, reply.status);
    send(res, reply, headers);
  }

  private dispatch(
    req: IncomingMessage,
    request: RestRequest,
    bodyError: boolean,
    headers: Record<string, string>,
  ): RestReply {
    if (!req.url?.startsWith(`${API_PREFIX}/`)) return NOT_FOUND;
    const route = this.match(request);
    if (!route) return NOT_FOUND;
    const authorization = req.headers.authorization;
    if ((route.auth || authorization !== undefined) && authorization !== `Bot ${this.options.token}`)
      return UNAUTHORIZED;
    if (route.limited) {
      const globalLimited = this.checkGlobalLimit();
      if (globalLimited) return globalLimited;
    }
    const fault = this.takeFault(request);
    if (fault) return fault;
    if (route.limited) {
      const limited = this.applyRouteLimit(route, request, headers);
      if (limited) return limited;
    }
    if (bodyError) return discordError(400, 50109, 'The request body contains invalid JSON.');
    return route.handler(request);
  }

  private match(request: RestRequest): Route | undefined {
    for (const route of this.routes) {
      if (route.method !== request.method) continue;
      const match = route.pattern.exec(request.path);
      if (match) {
        request.params = {};
        for (const [name, value] of Object.entries(match.groups ?? {}))
          request.params[name] = decodeURIComponent(value);
        return route;
      }
    }
    return undefined;
  }

  private checkGlobalLimit(): RestReply | null {
    const limit = this.options.globalRateLimit;
    if (!limit) return null;
    const now = Date.now();
    if (now >= this.globalWindow.resetAt) this.globalWindow = { count: 0, resetAt: now + 1000 };
    this.globalWindow.count++;
    if (this.globalWindow.count <= limit.perSecond) return null;
    return rateLimited(this.globalWindow.resetAt - now, true, 'global');
  }

  private takeFault(request: RestRequest): RestReply | null {
    if (this.faults.length === 0) return null;
    const fault = this.faults.find(
      (f) =>
        f.count > 0 && (f.method === undefined || f.method === request.method) && f.path.test(request.path),
    );
    if (!fault) {
      this.pruneFaults();
      return null;
    }
    fault.count--;
    fault.hits++;
    if (fault.status === 429)
      return rateLimited(fault.retryAfterMs, fault.global, fault.global ? 'global' : 'user');
    return discordError(fault.status, fault.code, fault.message ?? defaultMessage(fault.status));
  }

  private pruneFaults(): void {
    for (let i = this.faults.length - 1; i >= 0; i--)
      if (this.faults[i]?.count === 0) this.faults.splice(i, 1);
  }

  private applyRouteLimit(
    route: Route,
    request: RestRequest,
    headers: Record<string, string>,
  ): RestReply | null {
    const { limit, windowMs } = this.options.routeRateLimit;
    const key = route.major ? `${route.bucket}:${request.params[route.major]}` : route.bucket;
    const now = Date.now();
    let bucket = this.buckets.get(key);
    if (!bucket || now >= bucket.resetAt) {
      bucket = { count: 0, resetAt: now + windowMs };
      this.buckets.set(key, bucket);
    }
    bucket.count++;
    const resetAfter = (bucket.resetAt - now) / 1000;
    headers['x-ratelimit-limit'] = String(limit);
    headers['x-ratelimit-remaining'] = String(Math.max(0, limit - bucket.count));
    headers['x-ratelimit-reset'] = (bucket.resetAt / 1000).toFixed(3);
    headers['x-ratelimit-reset-after'] = resetAfter.toFixed(3);
    headers['x-ratelimit-bucket'] = bucketHash(route.bucket);
    if (bucket.count <= limit) return null;
    return rateLimited(bucket.resetAt - now, false, 'user');
  }

  private record(req: IncomingMessage, request: RestRequest, status: number): void {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      headers[name] =
        name === 'authorization' ? '[redacted]' : Array.isArray(value) ? value.join(', ') : value;
    }
    if (this.requests.length >= this.options.maxRecordedRequests)
      this.requests.splice(0, this.requests.length >> 1);
    this.requests.push({
      method: request.method,
      path: request.path,
      query: Object.fromEntries(request.query),
      headers,
      body: request.body,
      files: request.files.map((f) => f.filename ?? f.name),
      status,
      at: Date.now(),
    });
  }
}

function defaultMessage(status: number): string {
  if (status === 500) return '500: Internal Server Error';
  if (status === 502) return '502: Bad Gateway';
  if (status === 503) return '503: Service Unavailable';
  if (status === 403) return 'Missing Permissions';
  return `${status}`;
}

function rateLimited(retryAfterMs: number, global: boolean, scope: string): RestReply {
  const retryAfter = Math.max(retryAfterMs, 1) / 1000;
  // Discord rounds the header up to whole seconds; sub-second values keep tests fast and discord.js parses either.
  const headers: Record<string, string> = {
    'retry-after': String(retryAfter),
    'x-ratelimit-scope': scope,
    'x-ratelimit-limit': '1',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': ((Date.now() + retryAfterMs) / 1000).toFixed(3),
    'x-ratelimit-reset-after': retryAfter.toFixed(3),
  };
  if (global) headers['x-ratelimit-global'] = 'true';
  const message = 'You are being rate limited.';
  return {
    status: 429,
    headers,
    body: { message, retry_after: retryAfter, global, code: global ? 0 : undefined },
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseBody(
  contentType: string | undefined,
  raw: Buffer,
): { body: unknown; files: MultipartPart[]; error: boolean } {
  if (raw.length === 0) return { body: undefined, files: [], error: false };
  try {
    if (contentType?.startsWith('multipart/form-data')) {
      const parts = parseMultipart(raw, boundaryOf(contentType) ?? '');
      const payload = parts.find((p) => p.name === 'payload_json');
      const files = parts.filter((p) => p.filename !== null);
      return {
        body: payload ? (JSON.parse(payload.data.toString('utf8')) as unknown) : {},
        files,
        error: false,
      };
    }
    return { body: JSON.parse(raw.toString('utf8')) as unknown, files: [], error: false };
  } catch {
    return { body: raw.toString('utf8'), files: [], error: true };
  }
}

function send(res: ServerResponse, reply: RestReply, headers: Record<string, string>): void {
  Object.assign(headers, reply.headers);
  if (reply.body === undefined || reply.status === 204) {
    res.writeHead(reply.status === 200 ? 204 : reply.status, headers);
    res.end();
    return;
  }
  const json = JSON.stringify(reply.body);
  headers['content-type'] = 'application/json';
  headers['content-length'] = String(Buffer.byteLength(json));
  res.writeHead(reply.status, headers);
  res.end(json);
}

export function asObject(value: unknown): JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
}
