/** Operating dsp: health and metrics endpoints, owner reloads, graceful shutdown. */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Routes } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStandin, type InteractionResult } from '../../tools/discord-standin/index.js';
import { startHarness, waitFor, type Harness } from './harness.js';
import { allText, fieldOf } from './read-message.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHIPPED = readFileSync(join(ROOT, 'data/awesome-distributed-system-projects.md'), 'utf8');

/** Serves a list over HTTP, with an ETag and an adjustable delay. */
async function serveList(initial: string) {
  const state = { text: initial, delayMs: 0, requests: 0 };
  const server: Server = createServer((request, response) => {
    state.requests++;
    const etag = `"${Buffer.from(state.text).length}-${state.text.length}"`;
    setTimeout(() => {
      if (request.headers['if-none-match'] === etag) {
        response.writeHead(304, { etag }).end();
        return;
      }
      response.writeHead(200, { etag, 'content-type': 'text/markdown' }).end(state.text);
    }, state.delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/readme.md`;
  return { state, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('health and metrics', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ overrides: { httpPort: 'ephemeral' } });
  });
  afterAll(async () => {
    await harness?.stop();
  });
  const endpoint = (path: string) => `http://127.0.0.1:${harness.app.http?.port}${path}`;

  it('answers /healthz and /readyz once the gateway is connected', async () => {
    expect((await fetch(endpoint('/healthz'))).status).toBe(200);
    const ready = await fetch(endpoint('/readyz'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      ready: true,
      checks: { gateway: { ok: true }, list: { ok: true }, store: { ok: true } },
    });
  });

  it('turns /readyz 503 naming the gateway while it is down, and 200 once it is back', async () => {
    harness.standin.startGatewayOutage();
    harness.standin.dropGateway({ resumable: true, abrupt: true });
    let status = 0;
    let body: { checks?: { gateway?: { ok: boolean } } } = {};
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const response = await fetch(endpoint('/readyz'));
      status = response.status;
      body = (await response.json()) as typeof body;
      if (status === 503) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe(503);
    expect(body.checks?.gateway?.ok).toBe(false);
    harness.standin.endGatewayOutage();
    const recovered = Date.now() + 30_000;
    while (Date.now() < recovered && status !== 200) {
      status = (await fetch(endpoint('/readyz'))).status;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(200);
    const message = await harness.standin
      .slash({ name: 'dsp', subcommand: 'search', options: { query: 'etcd' } })
      .waitForResponse();
    expect(allText(message)).toMatch(/etcd/);
  }, 60_000);

  it('counts interactions in /metrics', async () => {
    await harness.standin.slash({ name: 'dsp', subcommand: 'about' }).waitForResponse();
    await harness.standin.autocomplete({
      name: 'dsp',
      subcommand: 'search',
      focused: 'query',
      value: 'et',
      options: { query: 'et' },
    });
    const text = await (await fetch(endpoint('/metrics'))).text();
    expect(text).toMatch(/dsp_interactions_total\{command="dsp about",outcome="ok"\} 1/);
    expect(text).toMatch(/dsp_autocomplete_duration_seconds_count 1/);
    expect(text).toMatch(/dsp_list_entries 35/);
    expect(text).toMatch(/dsp_gateway_status 1/);
    expect(text).toMatch(/process_cpu_user_seconds_total/);
  });
});

/** Serves a list only to requests with the given Basic credentials and `token` query value. */
async function serveProtectedList(
  text: string,
  credentials: { user: string; password: string; token: string },
) {
  const state = { down: false };
  const expected = `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`;
  const server: Server = createServer((request, response) => {
    const token = new URL(request.url ?? '/', 'http://localhost').searchParams.get('token');
    if (request.headers.authorization !== expected || token !== credentials.token) {
      response.writeHead(401).end('who are you?');
    } else if (state.down) {
      response.writeHead(503).end('down');
    } else {
      response.writeHead(200, { 'content-type': 'text/markdown' }).end(text);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const hostAndPath = `127.0.0.1:${(server.address() as AddressInfo).port}/readme.md`;
  return { state, hostAndPath, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('a list URL with credentials', () => {
  const credentials = { user: 'list-reader-7f3a', password: 'hunter22-secret', token: 's3cr3t-token-value' };
  let harness: Harness | undefined;
  let list: Awaited<ReturnType<typeof serveProtectedList>> | undefined;
  afterEach(async () => {
    await harness?.stop();
    await list?.close();
  });

  it('loads, and never shows or logs the user info or the token: not in /dsp about, /readyz or the log', async () => {
    list = await serveProtectedList(SHIPPED, credentials);
    const { user, password, token } = credentials;
    harness = await startHarness({
      env: { LIST_SOURCE: `http://${user}:${password}@${list.hostAndPath}?token=${token}` },
      overrides: { httpPort: 'ephemeral' },
      ownerIsDefaultUser: true,
    });
    const h = harness;
    const shown = `http://${list.hostAndPath}?token=REDACTED`;
    const leaks = (text: string) => [user, password, token].filter((secret) => text.includes(secret));

    const about = await h.standin.slash({ name: 'dsp', subcommand: 'about' }).waitForResponse();
    expect(allText(about)).toContain(shown.replace('http://', ''));
    expect(leaks(JSON.stringify(about))).toEqual([]);

    list.state.down = true;
    await h.standin.slash({ name: 'dsp-admin', subcommand: 'reload' }).waitForResponse({ timeoutMs: 10_000 });
    const readyz = await (await fetch(`http://127.0.0.1:${h.app.http?.port}/readyz`)).text();
    expect(readyz).toContain(shown);
    expect(leaks(readyz)).toEqual([]);

    expect(h.logs.some((line) => line.source === shown)).toBe(true);
    expect(leaks(h.rawLogs.join(''))).toEqual([]);
  });
});

/** The bot posts a message whose buttons carry `customIds`, as a forger's client could press them. */
async function postButtons(harness: Harness, customIds: readonly string[]) {
  const channelId = harness.standin.guilds[0]?.channelIds[0] ?? '';
  const rows = [];
  for (let start = 0; start < customIds.length; start += 5) {
    const buttons = customIds
      .slice(start, start + 5)
      .map((customId, index) => ({ type: 2, style: 1, label: `B${start + index}`, custom_id: customId }));
    rows.push({ type: 1, components: buttons });
  }
  return (await harness.app.bot.client.rest.post(Routes.channelMessages(channelId), {
    body: { content: 'forged', components: rows },
  })) as { id: string; channel_id: string };
}

describe('metric labels under forged input', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ overrides: { httpPort: 'ephemeral' } });
  });
  afterAll(async () => {
    await harness?.stop();
  });

  const interactionSeries = async () => {
    const text = await (await fetch(`http://127.0.0.1:${harness.app.http?.port}/metrics`)).text();
    return text
      .split('\n')
      .filter((line) => line.startsWith('dsp_interaction'))
      .map((line) => line.replace(/ \S+$/, ''));
  };

  it('1,000 forged command names and custom ids add no metric series', async () => {
    const forgedCommands = Array.from({ length: 504 }, (_, i) =>
      i % 2 === 0 ? { name: `forged${i}` } : { name: 'dsp', subcommand: `forged${i}` },
    );
    const forgedIds = Array.from({ length: 506 }, (_, i) =>
      i % 2 === 0 ? `forged${i}:1|q=${i}` : `search:${i}|p=${i}`,
    );
    const sends = forgedCommands.map((spec) => () => harness.standin.slash(spec));
    for (let start = 0; start < forgedIds.length; start += 25) {
      const customIds = forgedIds.slice(start, start + 25);
      const message = await postButtons(harness, customIds);
      for (const customId of customIds) sends.push(() => harness.standin.clickButton({ message, customId }));
    }
    const answerAll = async (batch: (() => InteractionResult)[]) => {
      for (let start = 0; start < batch.length; start += 50) {
        const results = batch.slice(start, start + 50).map((send) => send());
        for (const answer of await Promise.all(results.map((result) => result.waitForResponse()))) {
          expect(answer.content).toMatch(/Unknown command|expired/);
        }
      }
    };

    // A few of each kind first: they may add one series per label (`unknown`, `component search`).
    const firstFew = [...sends.slice(0, 4), ...sends.slice(504, 510)];
    await answerAll(firstFew);
    const before = await interactionSeries();
    await answerAll(sends.filter((send) => !firstFew.includes(send)));
    expect(await interactionSeries()).toEqual(before);
  }, 120_000);
});

describe('owner reload of a list served over HTTP', () => {
  let harness: Harness | undefined;
  let list: Awaited<ReturnType<typeof serveList>>;
  afterEach(async () => {
    await harness?.stop();
    await list?.close();
  });

  it('reloads for an owner with old → new counts, refuses others, and refuses a list that shrinks by 90%', async () => {
    list = await serveList(SHIPPED);
    harness = await startHarness({ env: { LIST_SOURCE: list.url }, ownerIsDefaultUser: true });
    const h = harness;
    const reload = (options: Record<string, boolean> = {}, userId?: string) =>
      h.standin
        .slash({ name: 'dsp-admin', subcommand: 'reload', options, ...(userId ? { userId } : {}) })
        .waitForResponse({ timeoutMs: 10_000 });

    const refused = await reload({}, '123456789012345678');
    expect(refused.content).toMatch(/[Oo]wner/);

    list.state.text = `${SHIPPED}\n## New Things\n\n- [(Go) fresh - a new project](https://github.com/example/fresh)\n`;
    const grown = await reload();
    expect(allText(grown)).toMatch(/35\D+36/);

    const shrunk = SHIPPED.split('\n')
      .filter((line, index) => !line.startsWith('- ') || index < 8)
      .join('\n');
    list.state.text = shrunk;
    const guarded = await reload();
    expect(allText(guarded)).toMatch(/force/);
    const about = await h.standin.slash({ name: 'dsp', subcommand: 'about' }).waitForResponse();
    // 36 entries now: 35 projects (one added) and the bundled list's one resource.
    expect(fieldOf(about, 'Projects')).toBe('35');
  });

  it('logs what a refused reload would remove, and a forced reload names the projects it removed', async () => {
    list = await serveList(SHIPPED);
    harness = await startHarness({ env: { LIST_SOURCE: list.url }, ownerIsDefaultUser: true });
    const h = harness;
    const reload = (options: Record<string, boolean> = {}) =>
      h.standin
        .slash({ name: 'dsp-admin', subcommand: 'reload', options })
        .waitForResponse({ timeoutMs: 10_000 });
    const namesBefore = h.app.catalog.current().doc.entries.map((entry) => entry.name);
    const kept = SHIPPED.split('\n').filter(
      (line) => !line.startsWith('- ') || /github\.com\/(etcd-io\/etcd|apache\/couchdb)\)/.test(line),
    );
    list.state.text = kept.join('\n');

    const refused = await reload();
    expect(refused.content).toMatch(/would remove 33 of 35/);
    const refusedLine = await waitFor(() => h.logs.find((line) => line.outcome === 'refused'));
    expect(refusedLine).toMatchObject({ wouldRemoveCount: 33 });
    expect(refusedLine).not.toHaveProperty('removedCount');

    const forced = await reload({ force: true });
    const removed = /Removed \(33\): ([^\n]*)/.exec(forced.content)?.[1] ?? '';
    const shownNames = removed.replace(/ \(\+\d+ more\)$/, '').split(', ');
    expect(shownNames).toHaveLength(10);
    for (const name of shownNames) expect(namesBefore).toContain(name.replace(/\\/g, ''));
  });
});

describe('graceful shutdown', () => {
  it('on SIGTERM finishes a slow interaction in flight, then exits 0', async () => {
    const list = await serveList(SHIPPED);
    const standin = await startStandin({ token: 'shutdown.token' });
    const stateDir = mkdtempSync(join(tmpdir(), 'dsp-term-'));
    try {
      const child = spawn(process.execPath, ['scripts/start.mjs'], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          DISCORD_TOKEN: 'shutdown.token',
          DISCORD_API_URL: standin.apiUrl,
          STATE_DIR: stateDir,
          HTTP_PORT: '0',
          LIST_SOURCE: list.url,
          OWNER_IDS: standin.defaultUserId,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      await waitFor(() => output.includes('slash commands checked'), 120_000, 'the bot to start');
      await waitFor(() => output.includes('"msg":"list ready"'), 120_000, 'the list to load');

      list.state.delayMs = 3_000;
      list.state.text = `${SHIPPED}\n## Later\n\n- [(Go) late - arrives slowly](https://github.com/example/late)\n`;
      const pending = standin.slash({ name: 'dsp-admin', subcommand: 'reload' });
      await pending.waitForCallback({ timeoutMs: 5_000 });
      child.kill('SIGTERM');
      const answer = await pending.waitForMessage((message) => /36/.test(JSON.stringify(message)), {
        timeoutMs: 15_000,
      });
      expect(JSON.stringify(answer)).toMatch(/35\D+36/);
      expect(await exited).toBe(0);
      expect(output).toMatch(/stopped cleanly/);
    } finally {
      await standin.stop();
      await list.close();
      rmSync(stateDir, { recursive: true, force: true });
    }
  }, 180_000);
});
