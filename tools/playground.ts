/**
 * `npm run playground`: the local Discord stand-in, dsp logged in to it, and a prompt to talk to it.
 * No token, no network. Type `/dsp search query:raft`, then a number to press a button; `help` lists
 * every command and option (generated from the commands dsp registers) and the variables below.
 * `posts` shows what dsp posted in #general by itself (featured posts, list-update digests); the
 * server has a role `@list-watchers` to ping. `find <text>` posts <text> in #general and runs the
 * "Find projects" message command (Apps) on it.
 *
 * Answers are shown as Discord would show them: mentions as `#general`/`@name`, `<t:…>` times in the
 * local time zone, markdown escapes and emphasis resolved (tools/discord-markup.ts).
 *
 * Environment variables it reads (nothing else: no .env, no DISCORD_TOKEN):
 *   LIST_SOURCE  the awesome list to serve, a file path or an http(s) URL (default: the bundled list)
 *   LOG_LEVEL    dsp's log detail on stderr (default: warn)
 *   TZ           the time zone `<t:…>` times are shown in (default: the machine's)
 *   PLAYGROUND_METADATA  `standin` (default): project metadata (stars, last push, health) from a
 *                local GitHub stand-in that makes up stable facts for every repository of the list,
 *                read through GraphQL as with a token; links are not checked. `off`: none.
 * Its state (database, saved list) lives in a temporary folder deleted on exit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config/index.js';
import { createLogger } from '../src/log/index.js';
import { describeError } from '../src/text/describe-error.js';
import { startStandin, type StandinMessage } from './discord-standin/index.js';
import { startGitHubStandin } from './github-standin/index.js';
import { parseCommandLine } from './command-line.js';
import { PLAYGROUND_USAGE, playgroundHelp } from './command-help.js';
import { mentionNames } from './mention-names.js';
import { renderMessage, type RenderedControl } from './render-text.js';

const TOKEN = 'playground-token';
const GITHUB_TOKEN = 'playground-github-token';
const stateDir = mkdtempSync(join(tmpdir(), 'dsp-playground-'));
const standin = await startStandin({ token: TOKEN, guilds: [{ name: 'Playground' }] });
const withMetadata = process.env.PLAYGROUND_METADATA !== 'off';
const github = withMetadata ? await startGitHubStandin({ invent: true, token: GITHUB_TOKEN }) : undefined;
const config = loadConfig({
  DISCORD_TOKEN: TOKEN,
  DISCORD_API_URL: standin.apiUrl,
  STATE_DIR: stateDir,
  HTTP_PORT: '0',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  LIST_SOURCE: process.env.LIST_SOURCE ?? '',
  OWNER_IDS: standin.defaultUserId,
  // No network: metadata comes from the local GitHub stand-in, and links on the internet are not checked.
  ...(github
    ? { ENRICH: 'on', GITHUB_API_URL: github.url, GITHUB_TOKEN, LINK_CHECK: 'off' }
    : { ENRICH: 'off' }),
});
if (!config.ok) throw new Error(config.problems.join('\n'));
const logger = createLogger({
  level: config.config.LOG_LEVEL,
  secrets: [TOKEN, GITHUB_TOKEN],
  destination: process.stderr,
});
const app = await startApp(config.config, logger);
await app.catalog.whenLoaded();
await standin.waitForConnections((connections) => connections.length > 0, 10_000);
// The first metadata round takes a moment on loopback; the first answers then show it.
await app.metadata?.runRound();
// Commands are registered once the gateway is ready; wait for them so /dsp resolves.
for (let tries = 0; tries < 100 && standin.commands().length === 0; tries++) {
  await new Promise((resolve) => setTimeout(resolve, 50));
}

const channelId = standin.guilds[0]?.channelIds[0] ?? '';
/** The names you can type for a role or a user option: the server's role, and a member to share finds with. */
const mentionable = new Map([
  ['@list-watchers', standin.addRole(standin.guilds[0]?.id ?? '', 'list-watchers', [standin.defaultUserId])],
  ['@alice', standin.addUser('alice')],
]);
const names = mentionNames(standin.apiUrl, TOKEN, standin.guilds[0]?.id ?? '');

/**
 * You play the server's manager in the playground; `#general` names its one channel, `@list-watchers`
 * its role, `@alice` another member.
 */
function asServerManager<T extends { options: Record<string, string | number | boolean> }>(spec: T) {
  const options = Object.fromEntries(
    Object.entries(spec.options).map(([key, value]) => [
      key,
      value === '#general'
        ? channelId
        : typeof value === 'string'
          ? (mentionable.get(value) ?? value)
          : value,
    ]),
  );
  return { ...spec, options, memberPermissions: ['ManageGuild', 'ViewChannel', 'SendMessages'] as const };
}

let controls: RenderedControl[] = [];
let lastMessage: { id: string; channel_id: string } | undefined;

async function show(message: Record<string, unknown> & { id: string; channel_id: string }) {
  const rendered = renderMessage(message, 1, await names.namesFor(message));
  controls = rendered.controls;
  lastMessage = message;
  process.stdout.write(`\n${rendered.text}\n\n`);
}

const shownPosts = new Set<string>();

/** What dsp posted in #general by itself since last asked; waits a few seconds for one when there is none. */
async function showPosts() {
  // Interaction replies come through a webhook; dsp's own posts do not.
  const isNew = (message: StandinMessage) => !shownPosts.has(message.id) && message.webhook_id === undefined;
  await standin.waitForChannelMessage(channelId, isNew, 5_000).catch(() => undefined);
  const posts = standin.channelMessages(channelId).filter(isNew);
  if (posts.length === 0) process.stdout.write('\n(nothing new posted in #general)\n\n');
  for (const post of posts) {
    shownPosts.add(post.id);
    await show(post);
  }
}

/** `find <text>`: <text> posted in #general as you, then "Find projects" (Apps) run on that message. */
async function findProjects(text: string) {
  const message = standin.postUserMessage({ channelId, content: text });
  // Your message, not one of dsp's posts.
  shownPosts.add(message.id);
  await show(
    await standin.messageCommand({ name: 'Find projects', message }).waitForResponse({ timeoutMs: 5000 }),
  );
}

async function run(line: string) {
  const trimmed = line.trim();
  if (!trimmed) return;
  if (trimmed === 'posts') return showPosts();
  const find = /^find\s+(\S[\s\S]*)$/i.exec(trimmed);
  if (find?.[1]) return findProjects(find[1]);
  if (trimmed === 'help' || trimmed === '/help') {
    process.stdout.write(`\n${playgroundHelp(standin.commands())}\n\n`);
    return;
  }
  const pressed = /^(\d+)(?:\s+(\d+))?$/.exec(trimmed);
  if (pressed) {
    const control = controls.find((candidate) => candidate.number === Number(pressed[1]));
    if (!control || !lastMessage) {
      process.stdout.write('No such button. Numbers refer to the last answer.\n');
      return;
    }
    const result =
      control.kind === 'button'
        ? standin.clickButton({ message: lastMessage, customId: control.customId })
        : standin.selectMenu({
            message: lastMessage,
            customId: control.customId,
            values: [control.options?.[Number(pressed[2] ?? '1') - 1]?.value ?? ''],
          });
    await show(await result.waitForResponse({ timeoutMs: 5000 }));
    return;
  }
  const parsed = parseCommandLine(trimmed, standin.commands());
  if ('error' in parsed) {
    process.stdout.write(`${parsed.error}\n`);
    return;
  }
  if (parsed.autocomplete) {
    const choices = await standin.autocomplete({ ...asServerManager(parsed.spec), ...parsed.autocomplete });
    process.stdout.write(
      `${choices.map((choice) => `  ${String(choice.name)}`).join('\n') || '  (no suggestions)'}\n`,
    );
    return;
  }
  await show(await standin.slash(asServerManager(parsed.spec)).waitForResponse({ timeoutMs: 5000 }));
}

process.stdout.write(
  `dsp playground — the bot is logged in to a local Discord stand-in.\n${PLAYGROUND_USAGE}\n\n`,
);
const prompt = createInterface({
  input: process.stdin,
  output: process.stdout,
  terminal: process.stdin.isTTY,
});
// The async iterator buffers lines typed (or piped) while an answer is still on its way.
try {
  prompt.setPrompt('> ');
  prompt.prompt();
  for await (const line of prompt) {
    if (line.trim() === 'exit' || line.trim() === 'quit') break;
    if (!process.stdin.isTTY && line.trim()) process.stdout.write(`${line}\n`);
    try {
      await run(line);
    } catch (error) {
      process.stdout.write(`(${describeError(error)})\n`);
    }
    prompt.prompt();
  }
} finally {
  prompt.close();
  await app.stop();
  await standin.stop();
  await github?.stop();
  rmSync(stateDir, { recursive: true, force: true });
}
