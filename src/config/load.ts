import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { configSchema, VARIABLES, type Config, type VariableName, type VariableSpec } from './schema.js';
import { redactSource } from '../list/redact-source.js';
import { tokenShapeProblem, tokenShapeRule } from './token.js';

export type Environment = Record<string, string | undefined>;

export type LoadConfigResult =
  | { ok: true; config: Config }
  | {
      ok: false;
      /** One line per problem, all of them at once. */
      problems: string[];
      /** True when DISCORD_TOKEN was required but unset: print MISSING_TOKEN_HELP too. */
      missingToken: boolean;
    };

export interface LoadConfigOptions {
  /** The bot needs DISCORD_TOKEN; the CLI does not. Default false. */
  requireToken?: boolean;
}

/** What `(got …)` shows: secrets are described, never echoed. */
function describeValue(spec: VariableSpec, raw: string | undefined): string {
  if (spec.secret) return 'a value that is hidden here because it is secret';
  // A list URL may carry credentials, whatever its scheme: shown as /dsp about shows it.
  if (spec.name === 'LIST_SOURCE') return JSON.stringify(redactSource(raw ?? ''));
  return JSON.stringify(raw ?? '');
}

export function formatProblem(
  spec: VariableSpec,
  raw: string | undefined,
  rule = spec.expectation,
  example = spec.example,
): string {
  return `${spec.name}: ${rule} (got ${describeValue(spec, raw)}); example: ${spec.name}=${example}`;
}

function missingTokenProblem(): string {
  return `DISCORD_TOKEN: is required to run the bot but is not set; example: DISCORD_TOKEN=${VARIABLES.DISCORD_TOKEN.example}`;
}

function crossFieldProblems(config: Partial<Config>, env: Environment): string[] {
  const { SHARD_COUNT: count, SHARD_IDS: ids } = config;
  if (ids === undefined) return [];
  if (typeof count !== 'number') {
    return [
      formatProblem(
        VARIABLES.SHARD_IDS,
        env.SHARD_IDS,
        'needs SHARD_COUNT set to a number (not auto or unset)',
      ),
    ];
  }
  const outOfRange = ids.filter((id) => id >= count);
  if (outOfRange.length === 0) return [];
  return [
    formatProblem(
      VARIABLES.SHARD_IDS,
      env.SHARD_IDS,
      `must each be below SHARD_COUNT=${count} (${outOfRange.join(', ')} ${outOfRange.length === 1 ? 'is' : 'are'} not)`,
      count === 1 ? '0' : `0-${count - 1}`,
    ),
  ];
}

/**
 * The shape is Discord's rule, so it is checked when dsp talks to Discord; a stand-in reached through
 * DISCORD_API_URL makes its own tokens (and a wrong one still fails at login with a plain message).
 */
function tokenProblems(config: Partial<Config>, env: Environment): string[] {
  const token = config.DISCORD_TOKEN;
  if (token === undefined || config.DISCORD_API_URL !== undefined) return [];
  const problem = tokenShapeProblem(token);
  return problem === undefined
    ? []
    : [formatProblem(VARIABLES.DISCORD_TOKEN, env.DISCORD_TOKEN, tokenShapeRule(problem))];
}

/**
 * Validates the environment and reports every problem at once.
 * Pure: reads only `env`. Use `readEnvironment()` to merge a `.env` file with the process environment.
 */
export function loadConfig(
  env: Environment = readEnvironment(),
  options: LoadConfigOptions = {},
): LoadConfigResult {
  const problems: string[] = [];
  const parsed: Partial<Config> = {};
  // Each variable is parsed on its own so one bad value cannot hide another, and so
  // cross-field checks still run when an unrelated variable is wrong.
  for (const [name, schema] of Object.entries(configSchema.shape) as [
    VariableName,
    (typeof configSchema.shape)[VariableName],
  ][]) {
    const result = schema.safeParse(env[name]);
    if (result.success) {
      (parsed as Record<string, unknown>)[name] = result.data;
    } else {
      const spec = VARIABLES[name];
      for (const issue of result.error.issues) problems.push(formatProblem(spec, env[name], issue.message));
    }
  }
  problems.push(...tokenProblems(parsed, env), ...crossFieldProblems(parsed, env));
  const missingToken = options.requireToken === true && !env.DISCORD_TOKEN?.trim();
  if (missingToken) problems.unshift(missingTokenProblem());
  if (problems.length > 0) return { ok: false, problems, missingToken };
  return { ok: true, config: configSchema.parse(env) };
}

/**
 * The process environment over an optional `.env` file in `cwd`: real environment variables win,
 * and process.env is left untouched.
 */
export function readEnvironment(
  cwd: string = process.cwd(),
  processEnv: Environment = process.env,
): Environment {
  const file = resolve(cwd, '.env');
  const fromFile = existsSync(file) ? parseDotenv(readFileSync(file)) : {};
  return { ...fromFile, ...processEnv };
}

/** Problems as printed at start-up: a heading and one indented line each. */
export function formatProblems(problems: readonly string[]): string {
  const heading =
    problems.length === 1
      ? 'dsp cannot start: 1 configuration problem'
      : `dsp cannot start: ${problems.length} configuration problems`;
  return [heading + ':', ...problems.map((problem) => `  - ${problem}`)].join('\n');
}

export const MISSING_TOKEN_HELP = `DISCORD_TOKEN is not set, so the bot cannot log in to Discord.

To get a token:
  1. Open https://discord.com/developers/applications and click "New Application".
  2. In the application, open "Bot", then "Reset Token", and copy the token it shows
     (it is shown once; keep it secret — anyone with it controls your bot).
  3. Put it in a file named .env in this directory:
       DISCORD_TOKEN=paste-your-token-here
     (.env is ignored by git; see .env.example for the other settings.)
  4. Invite the bot: "OAuth2" → "URL Generator", scopes "bot" and "applications.commands".

Just want to try dsp first? \`npm run playground\` runs it against a local stand-in for
Discord, no token needed. The CLI (\`npx dsp search raft\`) needs no token either.`;
