/**
 * A small web server on 127.0.0.1 for link checks: each path answers what the test set.
 *
 *   const web = await startWebStandin({ '/ok': { status: 200 }, '/old': { status: 301, location: '/new' } });
 *   web.url + '/ok'
 *   web.hits('/ok')            // [{ method: 'HEAD', userAgent: 'dsp/…' }]
 *   await web.stop();
 *
 * A path not set answers 404. `headRefused` answers HEAD with 405 (a GET then gets `status`);
 * `hang` never answers (for timeouts); `hold()` delays every answer until released, so a test can
 * see how many checks run at once (`maxInFlight`).
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebRoute {
  status: number;
  /** Location header (relative to this server, or absolute). */
  location?: string;
  headRefused?: boolean;
  hang?: boolean;
}

export interface WebHit {
  method: string;
  path: string;
  userAgent: string | undefined;
}

export interface WebStandin {
  url: string;
  routes: Map<string, WebRoute>;
  set(path: string, route: WebRoute): void;
  hits(path?: string): WebHit[];
  maxInFlight(): number;
  inFlight(): number;
  hold(): () => void;
  stop(): Promise<void>;
}

export async function startWebStandin(routes: Record<string, WebRoute> = {}): Promise<WebStandin> {
  const table = new Map(Object.entries(routes));
  const hits: WebHit[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let held: Promise<void> | undefined;

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.push({ method: req.method ?? 'GET', path, userAgent: req.headers['user-agent'] });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    const route = table.get(path);
    if (route?.hang) return;
    void (async () => {
      if (held) await held;
      if (!route) {
        res.writeHead(404).end();
        return;
      }
      if (req.method === 'HEAD' && route.headRefused) {
        res.writeHead(405, { allow: 'GET' }).end();
        return;
      }
      const headers: Record<string, string> = { 'content-type': 'text/html' };
      if (route.location) headers.location = route.location;
      res.writeHead(route.status, headers);
      res.end(req.method === 'HEAD' ? undefined : '<html>page</html>');
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    routes: table,
    set: (path, route) => table.set(path, route),
    hits: (path) => (path === undefined ? [...hits] : hits.filter((hit) => hit.path === path)),
    maxInFlight: () => maxInFlight,
    inFlight: () => inFlight,
    hold() {
      let release!: () => void;
      held = new Promise<void>((resolve) => (release = resolve));
      return () => {
        held = undefined;
        release();
      };
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
