/**
 * End to end: the real bot (discord.js Client, startApp) against the local Discord stand-in.
 * Interactions are dispatched over the gateway exactly as Discord would; answers are read back
 * from what the bot sent over REST.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StandinMessage } from '../../tools/discord-standin/index.js';
import { TOKEN, startHarness, waitFor, type Harness } from './harness.js';
import { allText, controlsOf, fieldOf, footerOf, titleOf } from './read-message.js';

type Json = Record<string, unknown>;

const buttonsOf = controlsOf;
const button = (message: StandinMessage, label: string) => {
  const found = buttonsOf(message).find((component) => component.label === label);
  if (!found) throw new Error(`no button "${label}" in ${JSON.stringify(message.components)}`);
  return found;
};

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

describe('slash commands over the gateway', () => {
  it('registers /dsp and /dsp-admin once, and does not re-register unchanged commands on restart', async () => {
    const names = harness.standin.commands().map((command) => command.name);
    expect(names.sort()).toEqual(['Find projects', 'dsp', 'dsp-admin']);
    const admin = harness.standin.commands().find((command) => command.name === 'dsp-admin');
    expect(admin?.default_member_permissions).toBe(String(1 << 5));
    const dsp = harness.standin.commands().find((command) => command.name === 'dsp');
    const subcommandNames = (dsp?.options as { name: string }[]).map((option) => option.name).sort();
    expect(subcommandNames).toEqual([
      'about',
      'categories',
      'category',
      'featured',
      'project',
      'random',
      'search',
    ]);
    harness.standin.clearRequests();
    await harness.restart();
    const puts = harness.standin.requests.filter((request) => request.method === 'PUT');
    expect(puts).toEqual([]);
  });

  it('/dsp search answers with hits, a page footer and buttons, never pinging anyone', async () => {
    const result = harness.standin.slash({ name: 'dsp', subcommand: 'search', options: { query: 'raft' } });
    const message = await result.waitForResponse();
    expect(result.ephemeral).toBe(false);
    expect(allText(message)).toMatch(/etcd/i);
    expect(footerOf(message)).toMatch(/^Page 1\/\d+ · \d+ projects$/);
    const callback = result.callbacks[0] as Json;
    expect((callback.data as Json).allowed_mentions).toEqual({ parse: [] });
  });

  it('pages forward and back with buttons, and the buttons still work after a restart', async () => {
    const first = await harness.standin
      .slash({ name: 'dsp', subcommand: 'search', options: { query: 'distributed' } })
      .waitForResponse();
    const total = Number(/ · (\d+) projects/.exec(footerOf(first))?.[1]);
    expect(total).toBeGreaterThan(5);
    const next = button(first, 'Next');
    expect(String(next.custom_id).length).toBeLessThanOrEqual(100);
    const second = await harness.standin
      .clickButton({ message: first, customId: String(next.custom_id) })
      .waitForResponse();
    expect(footerOf(second)).toMatch(/^Page 2\//);
    expect(second.id).toBe(first.id);

    await harness.restart();
    const back = await harness.standin
      .clickButton({ message: second, customId: String(button(second, 'Previous').custom_id) })
      .waitForResponse();
    expect(footerOf(back)).toMatch(/^Page 1\//);
  });

  it('answers three 20,000-character queries sent at once, each within Discord’s window', async () => {
    // Discord caps the option at 100 characters (max_length); this is what still arrives without that cap.
    const query = 'distributed '.repeat(1700);
    const sent = [1, 2, 3].map(() =>
      harness.standin.slash({ name: 'dsp', subcommand: 'search', options: { query } }),
    );
    for (const message of await Promise.all(sent.map((result) => result.waitForResponse()))) {
      expect(footerOf(message)).toMatch(/^Page 1\//);
      expect(String(button(message, 'Next').custom_id).length).toBeLessThanOrEqual(100);
    }
  });

  it('offers the closest names when nothing matches', async () => {
    const result = harness.standin.slash({
      name: 'dsp',
      subcommand: 'search',
      options: { query: 'zzqx', language: 'Erlang' },
    });
    const message = await result.waitForResponse();
    expect(allText(message)).toMatch(/No projects match/);
  });

  it('autocompletes queries within Discord limits', async () => {
    const choices = await harness.standin.autocomplete({
      name: 'dsp',
      subcommand: 'search',
      focused: 'query',
      value: 'r',
      options: { query: 'r' },
    });
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const choice of choices) {
      expect(String(choice.name).length).toBeLessThanOrEqual(100);
      expect(String(choice.value).length).toBeLessThanOrEqual(100);
    }
    const typo = await harness.standin.autocomplete({
      name: 'dsp',
      subcommand: 'project',
      focused: 'name',
      value: 'dkorn',
      options: { name: 'dkorn' },
    });
    expect(typo.map((choice) => choice.name).join(' ')).toMatch(/dkron/);
  });

  it('search and random also answer in a DM, as a user-installed app is used', async () => {
    const found = await harness.standin
      .slash({ dm: true, name: 'dsp', subcommand: 'search', options: { query: 'raft' } })
      .waitForResponse();
    expect(allText(found)).toMatch(/etcd/);
    const picked = await harness.standin
      .slash({ dm: true, name: 'dsp', subcommand: 'random' })
      .waitForResponse();
    expect(titleOf(picked)).not.toBe('');
  });

  it('hide:true answers ephemerally', async () => {
    const result = harness.standin.slash({
      name: 'dsp',
      subcommand: 'search',
      options: { query: 'queue', hide: true },
    });
    await result.waitForResponse();
    expect(result.ephemeral).toBe(true);
  });

  it('/dsp random respects filters and "Another one" picks a different project', async () => {
    const first = await harness.standin
      .slash({ name: 'dsp', subcommand: 'random', options: { category: 'Queues' } })
      .waitForResponse();
    const queueNames = ['nsq', 'Sandglass', 'dnpipes', 'GatewayWorker'];
    const nameOf = titleOf;
    expect(queueNames.some((name) => nameOf(first).includes(name))).toBe(true);
    const again = harness.standin.clickButton({
      message: first,
      customId: String(button(first, 'Another one').custom_id),
    });
    const cb = await again.waitForCallback();
    const data = cb.data as Json;
    const title = titleOf(data);
    expect(queueNames.some((name) => title.includes(name))).toBe(true);
    expect(title).not.toBe(nameOf(first));
  });

  it('/dsp categories lists every category with a menu that opens one', async () => {
    const message = await harness.standin.slash({ name: 'dsp', subcommand: 'categories' }).waitForResponse();
    expect(allText(message)).toMatch(/Databases/);
    expect(allText(message)).toMatch(/Queues/);
    const menu = buttonsOf(message).find((component) => component.type === 3);
    expect(menu).toBeDefined();
    const options = menu?.options as Json[];
    const queues = options.find((option) => String(option.label).startsWith('Queues'));
    const opened = harness.standin.selectMenu({
      message,
      customId: String(menu?.custom_id),
      values: [String(queues?.value)],
    });
    const callback = await opened.waitForCallback();
    expect(JSON.stringify(callback)).toMatch(/nsq/);
  });

  it('/dsp category shows the projects of one category', async () => {
    const message = await harness.standin
      .slash({ name: 'dsp', subcommand: 'category', options: { name: 'Queues' } })
      .waitForResponse();
    for (const name of ['nsq', 'Sandglass', 'dnpipes', 'GatewayWorker'])
      expect(allText(message)).toContain(name);
  });

  it('an unknown category gets a clear ephemeral answer', async () => {
    const result = harness.standin.slash({ name: 'dsp', subcommand: 'category', options: { name: 'Quues' } });
    const message = await result.waitForResponse();
    expect(result.ephemeral).toBe(true);
    expect(allText(message)).toMatch(/Queues/);
  });

  it('/dsp project shows the detail card and similar projects', async () => {
    const message = await harness.standin
      .slash({ name: 'dsp', subcommand: 'project', options: { name: 'CouchDB' } })
      .waitForResponse();
    expect(titleOf(message)).toContain('CouchDB');
    expect(allText(message)).toMatch(/master-master/);
  });

  it('/dsp about reports the list and its counts', async () => {
    const message = await harness.standin.slash({ name: 'dsp', subcommand: 'about' }).waitForResponse();
    // The bundled list's 35 entries: 34 projects and one resource, counted apart.
    expect(fieldOf(message, 'Projects')).toBe('34');
    expect(fieldOf(message, 'Resources')).toBe('1');
    expect(allText(message)).toMatch(/11/);
  });

  it('/dsp about names the bundled list’s upstream repository, never where dsp is installed', async () => {
    const message = await harness.standin.slash({ name: 'dsp', subcommand: 'about' }).waitForResponse();
    expect(titleOf(message)).toBe('Awesome Distributed System Projects');
    expect(allText(message)).toContain('github.com/roma-glushko/awesome-distributed-system-projects');
    expect(allText(message)).not.toContain(process.cwd());
    expect(allText(message)).not.toContain('awesome-distributed-system-projects.md');
  });

  it('answers a stale or foreign button instead of ignoring it', async () => {
    // A message posted by an older dsp whose custom ids this version no longer reads.
    const channelId = harness.standin.guilds[0]?.channelIds[0] ?? '';
    const old = (await harness.app.bot.client.rest.post(Routes.channelMessages(channelId), {
      body: {
        content: 'old results',
        components: [
          {
            type: 1,
            components: [
              { type: 2, style: 1, label: 'Old next', custom_id: 'search:0|p=9' },
              { type: 2, style: 1, label: 'Foreign', custom_id: 'nonsense' },
            ],
          },
        ],
      },
    })) as { id: string; channel_id: string };
    for (const customId of ['search:0|p=9', 'nonsense']) {
      const result = harness.standin.clickButton({ message: old, customId });
      const message = await result.waitForResponse();
      expect(result.ephemeral).toBe(true);
      expect(message.content).toMatch(/expired/);
    }
  });

  it('a forged More like this button with an empty, cut project id shows no project', async () => {
    const channelId = harness.standin.guilds[0]?.channelIds[0] ?? '';
    const forged = (await harness.app.bot.client.rest.post(Routes.channelMessages(channelId), {
      body: {
        content: 'forged',
        components: [
          { type: 1, components: [{ type: 2, style: 1, label: 'More', custom_id: 'project:1|s~=' }] },
        ],
      },
    })) as { id: string; channel_id: string };
    const message = await harness.standin
      .clickButton({ message: forged, customId: 'project:1|s~=' })
      .waitForResponse();
    expect(message.content).toMatch(/expired/);
    expect(message.embeds).toEqual([]);
  });

  it('an error inside a handler gives the user a reference that is also in the log', async () => {
    const original = harness.app.services.catalog;
    harness.app.services.catalog = () => {
      throw new Error('simulated failure');
    };
    try {
      const result = harness.standin.slash({ name: 'dsp', subcommand: 'about' });
      const message = await result.waitForResponse();
      expect(result.ephemeral).toBe(true);
      const reference = /Reference: `([0-9a-f]+)`/.exec(message.content)?.[1];
      expect(reference).toBeDefined();
      const line = await waitFor(() => harness.logs.find((entry) => entry.reference === reference));
      expect(JSON.stringify(line.err)).toContain('simulated failure');
      expect(JSON.stringify(line.err)).toContain('stack');
    } finally {
      harness.app.services.catalog = original;
    }
  });

  it('keeps answering after the gateway drops and resumes', async () => {
    harness.standin.dropGateway({ resumable: true });
    const message = await harness.standin
      .slash({ name: 'dsp', subcommand: 'search', options: { query: 'etcd' } })
      .waitForResponse({ timeoutMs: 15_000 });
    expect(allText(message)).toMatch(/etcd/);
  });

  it('retries a 500 from the interaction callback and answers once', async () => {
    harness.standin.injectFaults({
      method: 'POST',
      path: /\/interactions\/.+\/callback/,
      status: 500,
      count: 1,
    });
    const result = harness.standin.slash({ name: 'dsp', subcommand: 'search', options: { query: 'nsq' } });
    const message = await result.waitForResponse({ timeoutMs: 10_000 });
    expect(allText(message)).toMatch(/nsq/);
    expect(result.callbacks).toHaveLength(1);
  });

  it('refuses admin commands to members without Manage Server, at run time too', async () => {
    const result = harness.standin.slash({
      name: 'dsp-admin',
      group: 'featured',
      subcommand: 'status',
      memberPermissions: ['ViewChannel', 'SendMessages'],
    });
    const message = await result.waitForResponse();
    expect(result.ephemeral).toBe(true);
    expect(message.content).toMatch(/Manage Server/);
  });

  it('never writes the token to the log, even at debug level', () => {
    expect(harness.rawLogs.length).toBeGreaterThan(10);
    expect(harness.rawLogs.join('')).not.toContain(TOKEN);
  });
});

describe('list content is rendered literally', () => {
  let hostile: Harness;
  beforeAll(async () => {
    const dir = harness.stateDir;
    const list = join(dir, 'hostile.md');
    writeFileSync(
      list,
      [
        '# Hostile list',
        '',
        '## Tricks',
        '',
        '- [(Go) pinger - pings @everyone and @here with **bold** `code` and [x](https://evil.example) <@123>](https://github.com/a/pinger)',
        '- [(Go) sneaky - harmless](javascript:alert(1))',
        '',
      ].join('\n'),
    );
    hostile = await startHarness({ env: { LIST_SOURCE: list } });
  });
  afterAll(async () => {
    await hostile?.stop();
  });

  it('/dsp about shows the list file by its name, not the folder it is in', async () => {
    const message = await hostile.standin.slash({ name: 'dsp', subcommand: 'about' }).waitForResponse();
    expect(fieldOf(message, 'Source')).toBe('hostile.md');
    expect(allText(message)).not.toContain(harness.stateDir);
  });

  it('escapes mentions and markdown, and renders no non-http link', async () => {
    const result = hostile.standin.slash({ name: 'dsp', subcommand: 'search', options: { query: 'pinger' } });
    const message = await result.waitForResponse();
    const text = allText(message);
    expect(text).not.toMatch(/@everyone/);
    expect(text).not.toContain('javascript:');
    expect(((result.callbacks[0] as Json).data as Json).allowed_mentions).toEqual({ parse: [] });
  });
});
