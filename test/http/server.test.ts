import { afterEach, describe, expect, it } from 'vitest';
import {
  createMetrics,
  startHttpServer,
  type Readiness,
  type RunningHttpServer,
} from '../../src/http/index.js';
import { silentLogger } from '../../src/log/index.js';

let server: RunningHttpServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(
  readiness: () => Promise<Readiness>,
  metrics = createMetrics({ defaultMetrics: false }),
) {
  server = await startHttpServer({
    host: '127.0.0.1',
    port: 'ephemeral',
    logger: silentLogger(),
    readiness,
    metrics,
  });
  return (path: string) => fetch(`http://127.0.0.1:${server?.port}${path}`);
}

const allReady = async (): Promise<Readiness> => ({
  ready: true,
  checks: { gateway: { ok: true }, list: { ok: true }, store: { ok: true } },
});

describe('HTTP server', () => {
  it('listens on an ephemeral port and answers /healthz with ok', async () => {
    const get = await start(allReady);
    expect(server?.port).toBeGreaterThan(0);
    const response = await get('/healthz');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
  });

  it('answers /readyz with 200 and the checks when all are ok', async () => {
    const get = await start(allReady);
    const response = await get('/readyz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(await allReady());
  });

  it('answers /readyz with 503 naming the failing part', async () => {
    const get = await start(async () => ({
      ready: false,
      checks: { gateway: { ok: false, detail: 'disconnected' }, list: { ok: true }, store: { ok: true } },
    }));
    const response = await get('/readyz');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      ready: false,
      checks: { gateway: { ok: false, detail: 'disconnected' }, list: { ok: true }, store: { ok: true } },
    });
  });

  it('is not ready when a check fails even if the summary claims ready', async () => {
    const get = await start(async () => ({
      ready: true,
      checks: { store: { ok: false, detail: 'locked' } },
    }));
    const response = await get('/readyz');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ ready: false, checks: { store: { ok: false } } });
  });

  it('is not ready when the readiness check itself throws', async () => {
    const get = await start(async () => {
      throw new Error('store unreachable');
    });
    const response = await get('/readyz');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('store unreachable');
  });

  it('serves Prometheus metrics that count an observed interaction', async () => {
    const metrics = createMetrics();
    const get = await start(allReady, metrics);
    metrics.recordInteraction('search', 'ok', 0.042);
    metrics.recordInteraction('search', 'ok', 0.01);
    metrics.recordInteraction('random', 'error', 0.2);
    metrics.setListEntries(35);
    const response = await get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('dsp_interactions_total{command="search",outcome="ok"} 2');
    expect(text).toContain('dsp_interactions_total{command="random",outcome="error"} 1');
    expect(text).toContain('dsp_interaction_duration_seconds_count{command="search"} 2');
    expect(text).toContain('dsp_list_entries 35');
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('answers 404 for other paths', async () => {
    const get = await start(allReady);
    expect((await get('/')).status).toBe(404);
    expect((await get('/metrics/extra')).status).toBe(404);
  });
});

describe('metrics', () => {
  it('uses its own registry, so two instances do not collide', async () => {
    const first = createMetrics({ defaultMetrics: false });
    const second = createMetrics({ defaultMetrics: false });
    first.countListReload('failed');
    expect(await first.render()).toContain('dsp_list_reloads_total{outcome="failed"} 1');
    expect(await second.render()).not.toContain('dsp_list_reloads_total{outcome="failed"}');
  });

  it('records autocomplete timings in fine buckets, gateway state and featured posts', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    metrics.observeAutocomplete(0.0003);
    metrics.setGatewayConnected(true);
    metrics.countGatewayReconnect();
    metrics.countFeaturedPost('posted');
    const text = await metrics.render();
    expect(text).toContain('dsp_autocomplete_duration_seconds_bucket{le="0.0005"} 1');
    expect(text).toContain('dsp_gateway_status 1');
    expect(text).toContain('dsp_gateway_reconnects_total 1');
    expect(text).toContain('dsp_featured_posts_total{outcome="posted"} 1');
  });
});
