/** `npm run deploy-commands [-- --clear]`: register the slash commands now, without starting the bot. */
import { REST, Routes } from 'discord.js';
import type { APIApplication } from 'discord-api-types/v10';
import { MISSING_TOKEN_HELP, formatProblems, loadConfig } from '../config/index.js';
import { describeError } from '../text/describe-error.js';
import { COMMAND_DEFINITIONS } from './commands.js';
import { clearCommands, syncCommands } from './registration.js';

const result = loadConfig(undefined, { requireToken: true });
if (!result.ok) {
  process.stderr.write(`${formatProblems(result.problems)}\n`);
  if (result.missingToken) process.stderr.write(`\n${MISSING_TOKEN_HELP}\n`);
  process.exit(2);
}
const { config } = result;
const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(
  config.DISCORD_TOKEN ?? '',
);
const scope = config.DEV_GUILD_ID ? `server ${config.DEV_GUILD_ID}` : 'all servers (global)';
try {
  const application = (await rest.get(Routes.currentApplication())) as APIApplication;
  const target = {
    applicationId: application.id,
    ...(config.DEV_GUILD_ID ? { guildId: config.DEV_GUILD_ID } : {}),
  };
  if (process.argv.includes('--clear')) {
    await clearCommands(rest, target);
    process.stdout.write(`Removed dsp's slash commands from ${scope}.\n`);
  } else {
    const outcome = await syncCommands(rest, target, COMMAND_DEFINITIONS);
    process.stdout.write(
      outcome === 'updated'
        ? `Registered dsp's slash commands for ${scope}.\n`
        : `dsp's slash commands for ${scope} are already up to date.\n`,
    );
  }
} catch (error) {
  process.stderr.write(`Could not reach Discord: ${describeError(error)}\n`);
  process.exit(1);
}
