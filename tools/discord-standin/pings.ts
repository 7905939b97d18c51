/**
 * Who a new message notifies, decided as Discord does from its content (and the text displays of a
 * Components V2 layout, which Discord scans for mentions too) and `allowed_mentions`: without
 * allowed_mentions every mention in the text pings; with it, only the parsed kinds and the listed
 * users and roles do.
 */
import type { JsonObject, MessagePings } from './types.js';

const USER_MENTION = /<@!?(\d{15,25})>/g;
const ROLE_MENTION = /<@&(\d{15,25})>/g;
const EVERYONE = /@(everyone|here)\b/;

function idsIn(content: string, pattern: RegExp): string[] {
  return [...new Set([...content.matchAll(pattern)].map((match) => match[1] ?? ''))];
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.map(String) : undefined;
}

/** The text displays of a layout, nested ones included. */
function layoutText(components: unknown): string[] {
  if (!Array.isArray(components)) return [];
  return (components as JsonObject[]).flatMap((component) => [
    ...(component.type === 10 && typeof component.content === 'string' ? [component.content] : []),
    ...layoutText(component.components),
    ...layoutText(component.accessory === undefined ? [] : [component.accessory]),
  ]);
}

export function pingsOf(body: JsonObject): MessagePings {
  const content = [typeof body.content === 'string' ? body.content : '', ...layoutText(body.components)].join(
    '\n',
  );
  const users = idsIn(content, USER_MENTION);
  const roles = idsIn(content, ROLE_MENTION);
  const everyone = EVERYONE.test(content);
  const allowed = body.allowed_mentions;
  if (typeof allowed !== 'object' || allowed === null) return { users, roles, everyone };
  const rules = allowed as JsonObject;
  const parse = stringList(rules.parse) ?? [];
  const allowedUsers = new Set(stringList(rules.users) ?? []);
  const allowedRoles = new Set(stringList(rules.roles) ?? []);
  return {
    users: users.filter((id) => parse.includes('users') || allowedUsers.has(id)),
    roles: roles.filter((id) => parse.includes('roles') || allowedRoles.has(id)),
    everyone: everyone && parse.includes('everyone'),
  };
}

/** Discord refuses `parse: ['users']` together with a `users` list (and the same for roles). */
export function allowedMentionsProblem(body: JsonObject): string | null {
  const allowed = body.allowed_mentions;
  if (typeof allowed !== 'object' || allowed === null) return null;
  const rules = allowed as JsonObject;
  const parse = stringList(rules.parse) ?? [];
  for (const kind of ['users', 'roles']) {
    if (parse.includes(kind) && Array.isArray(rules[kind])) {
      return `Invalid allowed_mentions: parse:["${kind}"] and ${kind} are mutually exclusive.`;
    }
  }
  return null;
}
