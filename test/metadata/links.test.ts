import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../../src/metadata/addresses.js';
import { LinkChecker } from '../../src/metadata/link-check.js';
import { createSources } from '../../src/metadata/service.js';
import { RateBudget } from '../../src/metadata/budget.js';
import { refreshMetadata } from '../../src/metadata/refresh.js';
import { classify } from '../../src/metadata/health.js';
import { startWebStandin } from '../../tools/github-standin/index.js';
import type { WebStandin } from '../../tools/github-standin/index.js';
import { entry, fakeClock, memoryMetadataStore } from './helpers.js';

const UA = 'dsp/1.2.3 (+https://github.com/dsp-bot/dsp)';
const webs: WebStandin[] = [];
afterEach(async () => {
  await Promise.all(webs.splice(0).map((web) => web.stop()));
});

async function web(routes: Parameters<typeof startWebStandin>[0]) {
  const server = await startWebStandin(routes);
  webs.push(server);
  return server;
}

const checker = (extra: Partial<ConstructorParameters<typeof LinkChecker>[0]> = {}) =>
  new LinkChecker({ userAgent: UA, allowPrivate: true, ...extra });

describe('link checks', () => {
  it('sends HEAD with a User-Agent naming dsp, and GET where HEAD is refused', async () => {
    const site = await web({ '/ok': { status: 200 }, '/get-only': { status: 200, headRefused: true } });
    expect(await checker().check(`${site.url}/ok`)).toEqual({ kind: 'ok', status: 200 });
    expect(await checker().check(`${site.url}/get-only`)).toEqual({ kind: 'ok', status: 200 });
    expect(site.hits('/get-only').map((hit) => hit.method)).toEqual(['HEAD', 'GET']);
    expect(site.hits('/ok')[0]?.userAgent).toBe(UA);
  });

  it('names dsp, its version and its repository from package.json in the User-Agent dsp sends', async () => {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
      homepage: string;
    };
    expect(manifest.homepage).toMatch(/^https:\/\//);
    const site = await web({ '/ok': { status: 200 } });
    const sources = createSources(
      { GITHUB_API_URL: 'http://127.0.0.1:9', LINK_CHECK: true, LINK_CHECK_ALLOW_PRIVATE: true },
      { clock: fakeClock(), version: manifest.version },
    );
    await sources.links?.check(`${site.url}/ok`);
    expect(site.hits('/ok')[0]?.userAgent).toBe(`dsp/${manifest.version} (+${manifest.homepage})`);
  });

  it('reports a permanent redirect as moved, follows at most 5 redirects, and a 404/410 as gone', async () => {
    const site = await web({
      '/old': { status: 301, location: '/elsewhere' },
      '/elsewhere': { status: 200 },
      '/temp': { status: 302, location: '/elsewhere' },
      '/gone': { status: 410 },
      ...Object.fromEntries(
        Array.from({ length: 7 }, (_, i) => [`/loop${i}`, { status: 302, location: `/loop${i + 1}` }]),
      ),
    });
    expect(await checker().check(`${site.url}/old`)).toEqual({
      kind: 'moved',
      status: 200,
      location: `${site.url}/elsewhere`,
    });
    expect(await checker().check(`${site.url}/temp`)).toEqual({ kind: 'ok', status: 200 });
    expect(await checker().check(`${site.url}/gone`)).toEqual({ kind: 'gone', status: 410 });
    expect(await checker().check(`${site.url}/missing`)).toEqual({ kind: 'gone', status: 404 });
    expect(await checker().check(`${site.url}/loop0`)).toMatchObject({
      kind: 'unknown',
      reason: 'too many redirects',
    });
    expect(site.hits().filter((hit) => hit.path.startsWith('/loop'))).toHaveLength(6);
  });

  it('treats 403, 429, 5xx, refused connections and timeouts as unknown, never gone', async () => {
    const site = await web({
      '/blocked': { status: 403 },
      '/busy': { status: 429 },
      '/error': { status: 503 },
      '/hang': { status: 200, hang: true },
    });
    for (const path of ['/blocked', '/busy', '/error']) {
      expect((await checker().check(`${site.url}${path}`)).kind).toBe('unknown');
    }
    expect(await checker({ timeoutMs: 50 }).check(`${site.url}/hang`)).toEqual({
      kind: 'unknown',
      reason: 'timeout',
    });
    expect((await checker().check('http://127.0.0.1:1/')).kind).toBe('unknown');
  });

  it('refuses loopback, private, link-local and metadata addresses unless allowed', async () => {
    const site = await web({ '/ok': { status: 200 } });
    const strict = new LinkChecker({ userAgent: UA });
    expect(await strict.check(`${site.url}/ok`)).toEqual({ kind: 'skipped', reason: 'private address' });
    expect(await strict.check('http://169.254.169.254/latest/meta-data/')).toMatchObject({ kind: 'skipped' });
    expect(await strict.check('http://[::1]:9/')).toMatchObject({ kind: 'skipped' });
    // URLs write an IPv4-mapped address in hex (::ffff:7f00:1); it still reaches loopback.
    expect(await strict.check(`http://[::ffff:127.0.0.1]:${new URL(site.url).port}/ok`)).toMatchObject({
      kind: 'skipped',
    });
    // A name that resolves to loopback is refused at connect time, too.
    expect(await strict.check(`http://localhost:${new URL(site.url).port}/ok`)).toMatchObject({
      kind: 'skipped',
    });
    expect(site.hits()).toHaveLength(0);
    for (const address of [
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '100.64.0.1',
      '0.0.0.0',
      'fe80::1',
      'fd00:ec2::254',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:a9fe:a9fe',
      '0:0:0:0:0:ffff:0a00:0001',
      '::7f00:1',
      'fec0::1',
    ]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    expect(isPrivateAddress('140.82.112.3')).toBe(false);
    expect(isPrivateAddress('2606:4700::1111')).toBe(false);
  });

  it('checks at most 1 link per host at once, several hosts in parallel', async () => {
    const a = await web({ '/1': { status: 200 }, '/2': { status: 200 }, '/3': { status: 200 } });
    const b = await web({ '/1': { status: 200 } });
    const releaseA = a.hold();
    const releaseB = b.hold();
    const links = checker();
    const checks = [a, a, a]
      .map((site, i) => links.check(`${site.url}/${i + 1}`))
      .concat(links.check(`${b.url}/1`));
    await new Promise<void>((resolve) => {
      const poll = () => (a.inFlight() === 1 && b.inFlight() === 1 ? resolve() : setImmediate(poll));
      poll();
    });
    releaseA();
    releaseB();
    await Promise.all(checks);
    expect(a.maxInFlight()).toBe(1);
    expect(a.hits()).toHaveLength(3);
  });
});

describe('link health over rounds', () => {
  it('is suspect after one 404, dead after two in a row, and an outage in between is not evidence', async () => {
    const site = await web({});
    const clock = fakeClock();
    const store = memoryMetadataStore();
    const item = entry(`${site.url}/project`);
    const round = () =>
      refreshMetadata([item], {
        store,
        clock,
        refreshMs: 1,
        force: true,
        holder: 'me',
        sources: { budget: new RateBudget({ clock }), links: checker() },
      });
    const classified = async () =>
      classify({ entry: item, link: (await store.linkRecords())[0], now: new Date(clock.now()) });
    const health = async () => (await classified()).class;
    await round();
    expect(await health()).toBe('suspect');
    site.set('/project', { status: 503 });
    await round();
    // The evidence stays the 404 it rests on, not the 503 that said nothing.
    expect(await classified()).toMatchObject({
      class: 'suspect',
      evidence: 'the link answered HTTP 404 once; one more makes it dead',
    });
    site.routes.delete('/project');
    await round();
    expect(await health()).toBe('dead');
    site.set('/project', { status: 200 });
    await round();
    expect(await health()).toBe('ok');
  });
});
