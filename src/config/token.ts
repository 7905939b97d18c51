import { isSnowflake } from './parse.js';

const BASE64URL_PART = /^[A-Za-z0-9_-]+$/;

/**
 * Why a bot token cannot be one Discord issued (three base64url parts separated by dots, the first
 * being the bot's id), or undefined when its shape is right. The answer never quotes the token.
 */
export function tokenShapeProblem(token: string): string | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return `has ${parts.length} ${parts.length === 1 ? 'part' : 'parts'}`;
  if (!parts.every((part) => BASE64URL_PART.test(part)))
    return 'has an empty part or characters other than A-Z, a-z, 0-9, - and _';
  const botId = Buffer.from(parts[0] ?? '', 'base64url').toString('latin1');
  if (!isSnowflake(botId)) return 'has a first part that is not a numeric id in base64';
  return undefined;
}

/** The rule as shown in a configuration problem, with the reason this token breaks it. */
export function tokenShapeRule(problem: string): string {
  return `must be the bot token from the Developer Portal: three base64url parts separated by dots, the first being the bot's numeric id in base64; this one ${problem}`;
}
