/**
 * The names mentions in a message point at, asked of the (stand-in) Discord API the way a client
 * would: the guild's channels and roles, and each user mentioned. Remembered once seen.
 */
import type { MarkupNames } from './discord-markup.js';

type Json = Record<string, unknown>;

export interface MentionNames {
  /** Names for every `<#id>`, `<@id>` and `<@&id>` in `message` (unknown ids stay unknown). */
  namesFor(message: unknown): Promise<MarkupNames>;
}

export function mentionNames(apiUrl: string, token: string, guildId: string): MentionNames {
  const channels = new Map<string, string>();
  const users = new Map<string, string>();
  const roles = new Map<string, string>();
  const get = async (path: string): Promise<unknown> => {
    const response = await fetch(`${apiUrl}/v10${path}`, { headers: { Authorization: `Bot ${token}` } });
    return response.ok ? response.json() : undefined;
  };
  const list = async (path: string, into: Map<string, string>) => {
    const items = await get(path);
    if (Array.isArray(items))
      for (const item of items as Json[]) into.set(String(item.id), String(item.name));
  };
  const unknown = (text: string, pattern: RegExp, known: Map<string, string>) =>
    [...new Set([...text.matchAll(pattern)].map((match) => match[1] ?? ''))].filter((id) => !known.has(id));

  return {
    async namesFor(message) {
      const text = JSON.stringify(message) ?? '';
      if (unknown(text, /<#(\d+)>/g, channels).length > 0)
        await list(`/guilds/${guildId}/channels`, channels);
      if (unknown(text, /<@&(\d+)>/g, roles).length > 0) await list(`/guilds/${guildId}/roles`, roles);
      for (const id of unknown(text, /<@!?(\d+)>/g, users)) {
        const user = (await get(`/users/${id}`)) as Json | undefined;
        if (user) users.set(id, String(user.global_name ?? user.username));
      }
      return { channels, users, roles };
    },
  };
}
