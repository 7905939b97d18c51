/**
 * Reloading a big list while members use the bot, and starting with a list that is slow to come:
 * the real bot (startApp, discord.js) against the Discord stand-in, the list served over HTTP.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { LIST_LOADING_MESSAGE } from '../../src/discord/while-loading.js';
import { startHarness, type Harness } from './harness.js';
import { allText } from './read-message.js';

const SHIPPED = readFileSync('data/awesome-distributed-system-projects.md', 'utf8');

/**
 * A list of `size` entries in 20 categories; `Lodestar`'s description says which version it is,
 * so every answer tells which list gave it.
 */
function bigList(size: number, version: 'old' | 'new'): string {
  const lines = ['# Awesome Big List', '', `Version: ${version}.`, ''];
  for (let category = 0; category < 20; category++) {
    lines.push(`## Category ${category}`, '');
    for (let i = category; i < size; i += 20) {
      lines.push(
        `- [(Go) Project${i} - a distributed store number ${i}](https://github.com/big/project-${i})`,
      );
    }
    lines.push('');
  }
  lines.push(
    '## Markers',
    '',
    `- [Lodestar - marker of the ${version} list](https://github.com/big/lodestar)`,
  );
  if (version === 'new') lines.push('- [Newcomer - only in the new list](https://github.com/big/newcomer)');
  return `${lines.join('\n')}\n`;
}

/**
 * Serves a list over HTTP; `hold()` keeps the next answers waiting until `release()`, and
 * `whenHeld()` resolves once a request is waiting.
 */
async function serveList(initial: string) {
  const state = { text: initial };
  const held: ServerResponse[] = [];
  let holding = false;
  let requestHeld: () => void = () => undefined;
  let firstHeld = new Promise<void>((resolve) => (requestHeld = resolve));
  const server = createServer((_request, response) => {
    if (!holding) {
      response.writeHead(200, { 'content-type': 'text/markdown' }).end(state.text);
      return;
    }
    held.push(response);
    requestHeld();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    state,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/readme.md`,
    hold() {
      holding = true;
      firstHeld = new Promise<void>((resolve) => (requestHeld = resolve));
    },
    whenHeld: () => firstHeld,
    release() {
      holding = false;
      for (const response of held.splice(0)) response.writeHead(200).end(state.text);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let harness: Harness | undefined;
let list: Awaited<ReturnType<typeof serveList>> | undefined;
afterEach(async () => {
  await harness?.stop();
  await list?.close();
  harness = undefined;
  list = undefined;
});

const versionOf = (text: string): 'old' | 'new' | undefined =>
  /marker of the old list/.test(text) ? 'old' : /marker of the new list/.test(text) ? 'new' : undefined;

describe('reloading a big list while interactions arrive', () => {
  it('answers every interaction, from the old list until the swap and from the new one after', async () => {
    const size = 3_000;
    list = await serveList(bigList(size, 'old'));
    harness = await startHarness({
      env: { LIST_SOURCE: list.url },
      ownerIsDefaultUser: true,
      logLevel: 'info',
    });
    const { standin } = harness;

    /** One autocomplete or one search, answered; which list answered it. */
    const ask = async (n: number): Promise<'old' | 'new' | undefined> => {
      if (n % 2 === 0) {
        const choices = await standin
          .autocompleteInteraction({
            name: 'dsp',
            subcommand: 'search',
            options: { query: 'lodest' },
            focused: 'query',
            value: 'lodest',
          })
          .waitForChoices({ timeoutMs: 10_000 });
        return versionOf(JSON.stringify(choices));
      }
      const message = await standin
        .slash({ name: 'dsp', subcommand: 'search', options: { query: 'lodestar' } })
        .waitForResponse({ timeoutMs: 10_000 });
      return versionOf(JSON.stringify(message));
    };

    const before = await ask(0);
    expect(before).toBe('old');

    list.state.text = bigList(size, 'new');
    list.hold(); // the reload's read waits, so that answers are seen while it runs
    let reloaded = false;
    const reload = standin.slash({ name: 'dsp-admin', subcommand: 'reload' });
    const reloadAnswer = reload
      .waitForMessage((message) => /3,?001\D+3,?002/.test(JSON.stringify(message)), { timeoutMs: 150_000 })
      .finally(() => (reloaded = true));

    await list.whenHeld();
    const whileReading = [await ask(1), await ask(2), await ask(3), await ask(4)];
    list.release(); // then parsed and indexed while the questions keep coming
    const seen: ('old' | 'new' | undefined)[] = [];
    for (let n = 5; !reloaded; n++) seen.push(await ask(n));
    const answer = await reloadAnswer;
    const after = [await ask(0), await ask(1), await ask(2)];

    // Every interaction got its answer (ask() would have thrown otherwise), each from a whole list:
    // the old one while the new list was read, then parsed and indexed; the new one after the
    // swap, never the old one again.
    expect(whileReading).toEqual(['old', 'old', 'old', 'old']);
    expect(seen.every((version) => version !== undefined)).toBe(true);
    const firstNew = seen.indexOf('new');
    if (firstNew !== -1) expect(seen.slice(firstNew).every((version) => version === 'new')).toBe(true);
    expect(after).toEqual(['new', 'new', 'new']);
    expect(JSON.stringify(answer)).toMatch(/3,?001\D+3,?002/); // the old list had size + 1 entries
    const built = harness.logs.find((line) => String(line.msg).startsWith('list reloaded'));
    expect(built).toMatchObject({ after: { entries: size + 2 }, addedCount: 1 });
  }, 240_000);
});

describe('start-up while the list is slow to come', () => {
  it('answers commands with a short "loading" note for the invoker only, then normally', async () => {
    list = await serveList(SHIPPED);
    list.hold();
    harness = await startHarness({ env: { LIST_SOURCE: list.url }, listMayLoadLater: true });
    const { standin, app } = harness;
    expect(app.catalog.loaded()).toBe(false);

    const early = standin.slash({ name: 'dsp', subcommand: 'search', options: { query: 'raft' } });
    const note = await early.waitForResponse();
    expect(note.content).toBe(LIST_LOADING_MESSAGE);
    expect(early.ephemeral).toBe(true);
    const choices = await standin
      .autocompleteInteraction({
        name: 'dsp',
        subcommand: 'search',
        options: { query: 'etc' },
        focused: 'query',
        value: 'etc',
      })
      .waitForChoices();
    expect(choices).toEqual([]);

    list.release();
    await app.catalog.whenLoaded();
    const later = await standin
      .slash({ name: 'dsp', subcommand: 'search', options: { query: 'raft' } })
      .waitForResponse();
    expect(allText(later)).toMatch(/etcd/);
  }, 120_000);
});
