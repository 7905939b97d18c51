import { DiscordAPIError, DiscordjsError, DiscordjsErrorCodes } from 'discord.js';

/** Discord refused the bot token: a 401 on a REST call, which discord.js's login reports as TokenInvalid. */
export function isTokenRejected(error: unknown): boolean {
  if (error instanceof DiscordjsError) return error.code === DiscordjsErrorCodes.TokenInvalid;
  return error instanceof DiscordAPIError && error.status === 401;
}
