import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { describeError } from '../text/describe-error.js';
import type { Metrics } from './metrics.js';

export interface ReadinessCheck {
  ok: boolean;
  detail?: string;
}

export interface Readiness {
  ready: boolean;
  checks: Record<string, ReadinessCheck>;
}

export interface HttpServerOptions {
  host: string;
  /** A port number, or 'ephemeral' to let the system pick one (tests). Port 0 from config means "do not start". */
  port: number | 'ephemeral';
  logger: Logger;
  readiness: () => Promise<Readiness>;
  metrics: Metrics;
}

export interface RunningHttpServer {
  /** The port actually listened on. */
  port: number;
  close(): Promise<void>;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  response.end(body);
}

const sendJson = (response: ServerResponse, status: number, value: unknown): void =>
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));

function routes(options: HttpServerOptions): Record<string, Handler> {
  return {
    '/healthz': async (_request, response) => send(response, 200, 'text/plain; charset=utf-8', 'ok'),
    '/readyz': async (_request, response) => {
      const readiness = await checkReadiness(options.readiness);
      sendJson(response, readiness.ready ? 200 : 503, readiness);
    },
    '/metrics': async (_request, response) =>
      send(response, 200, options.metrics.contentType, await options.metrics.render()),
  };
}

/** Ready only when every check passes; a readiness function that throws counts as not ready. */
async function checkReadiness(readiness: () => Promise<Readiness>): Promise<Readiness> {
  try {
    const result = await readiness();
    const allOk = Object.values(result.checks).every((check) => check.ok);
    return { ready: result.ready && allOk, checks: result.checks };
  } catch (error) {
    const detail = describeError(error);
    return { ready: false, checks: { readiness: { ok: false, detail } } };
  }
}

function handle(options: HttpServerOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const table = routes(options);
  return (request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const handler = table[path];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'text/plain; charset=utf-8', 'method not allowed');
      return;
    }
    if (!handler) {
      send(response, 404, 'text/plain; charset=utf-8', 'not found');
      return;
    }
    handler(request, response).catch((error: unknown) => {
      options.logger.error({ err: error, path }, 'http handler failed');
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'internal error');
      else response.end();
    });
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Serves /healthz, /readyz and /metrics with node:http. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const server = createServer(handle(options));
  server.keepAliveTimeout = 5000;
  const port = await listen(server, options.port === 'ephemeral' ? 0 : options.port, options.host);
  options.logger.info({ host: options.host, port }, 'http server listening');
  return {
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
