import { sourceSecrets } from '../list/redact-source.js';

/**
 * Strings the logger must scrub from every line: the tokens (Discord, GitHub), the database URL and
 * its password, and the credentials a list URL carries.
 */
export function secretsOf(config: {
  DISCORD_TOKEN?: string | undefined;
  DATABASE_URL?: string | undefined;
  LIST_SOURCE?: string | undefined;
  GITHUB_TOKEN?: string | undefined;
}): string[] {
  const secrets: string[] = [];
  if (config.DISCORD_TOKEN) secrets.push(config.DISCORD_TOKEN);
  if (config.GITHUB_TOKEN) secrets.push(config.GITHUB_TOKEN);
  if (config.DATABASE_URL) {
    secrets.push(config.DATABASE_URL);
    try {
      const password = decodeURIComponent(new URL(config.DATABASE_URL).password);
      if (password) secrets.push(password);
    } catch {
      // Not parseable as a URL: the whole string is already listed.
    }
  }
  if (config.LIST_SOURCE) secrets.push(...sourceSecrets(config.LIST_SOURCE));
  return secrets;
}
