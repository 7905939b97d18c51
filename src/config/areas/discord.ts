/** Variables for the connection to Discord and who may run owner commands. */
import { field, readBaseUrl, readWithoutSpaces, required, type VariableSpec } from '../field.js';
import { isSnowflake, splitList } from '../parse.js';

export const DISCORD_VARIABLES = {
  DISCORD_TOKEN: {
    name: 'DISCORD_TOKEN',
    description: 'Bot token from the Discord developer portal. Needed to run the bot, not the CLI.',
    example: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.the-secret-part-from-the-developer-portal',
    secret: true,
    expectation: 'must be the bare bot token: no spaces, no "Bot " prefix',
  },
  DISCORD_API_URL: {
    name: 'DISCORD_API_URL',
    description: 'Discord REST base URL; set only to talk to a stand-in such as the playground.',
    example: 'http://127.0.0.1:3210/api',
    expectation: 'must be an http(s) URL',
  },
  DEV_GUILD_ID: {
    name: 'DEV_GUILD_ID',
    description: 'Register commands in this guild only (instant updates while developing).',
    example: '123456789012345678',
    expectation: 'must be a Discord id (17-20 digits)',
  },
  OWNER_IDS: {
    name: 'OWNER_IDS',
    description: 'Comma-separated user ids allowed to run owner commands such as reloading the list.',
    defaultText: '',
    example: '123456789012345678,876543210987654321',
    expectation: 'must be comma-separated Discord ids (17-20 digits each)',
  },
} as const satisfies Record<string, VariableSpec>;

const readOwnerIds = (text: string): string[] | undefined => {
  const ids = splitList(text);
  return ids.every(isSnowflake) ? ids : undefined;
};

const V = DISCORD_VARIABLES;

export const discordFields = {
  DISCORD_TOKEN: field(V.DISCORD_TOKEN, readWithoutSpaces),
  DISCORD_API_URL: field(V.DISCORD_API_URL, readBaseUrl),
  DEV_GUILD_ID: field(V.DEV_GUILD_ID, (text) => (isSnowflake(text) ? text : undefined)),
  OWNER_IDS: required<string[]>(field(V.OWNER_IDS, readOwnerIds, () => [])),
};
