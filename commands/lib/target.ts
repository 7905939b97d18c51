/**
 * `target:@user` on `/dsp search`, `project` and `random`: hand a find to someone. The answer
 * starts with a line addressed to that member and pings them, and only them.
 */
import type { APIApplicationCommandBasicOption } from 'discord-api-types/v10';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { MessagePayload } from '../../src/contracts/payload.js';
import type { CommandInput } from '../types.js';
import { isHidden } from './options.js';
import { truncate } from '../../src/text/truncate.js';
import { LIMITS } from './limits.js';
import { notice } from './render.js';
import { layoutPayload, textDisplay } from './layout.js';

export const targetOption: APIApplicationCommandBasicOption = {
  type: ApplicationCommandOptionType.User,
  name: 'target',
  description: 'Share the answer with this member: it starts with a line that pings them',
};

export const TARGET_WITH_HIDE =
  'Use either `target` or `hide:true`: a hidden answer cannot be shared with someone.';

const SNOWFLAKE = /^\d{15,25}$/;

/** The member to address; undefined when not given (or not a user id). */
export function targetOf(input: CommandInput): string | undefined {
  const value = input.options['target'];
  return typeof value === 'string' && SNOWFLAKE.test(value) ? value : undefined;
}

/** A refusal when `target` and `hide:true` are combined, else undefined. */
export function targetConflict(input: CommandInput): MessagePayload | undefined {
  return targetOf(input) !== undefined && isHidden(input) ? notice(TARGET_WITH_HIDE) : undefined;
}

/** The line a shared answer starts with. */
export function targetLine(targetId: string, fromUserId: string): string {
  return targetId === fromUserId
    ? `<@${targetId}>, a find for you:`
    : `<@${targetId}>, <@${fromUserId}> shared this with you:`;
}

/**
 * Addresses a public answer to the target; notices and other ephemeral answers (no hits, bad
 * filters) stay as they are, for the invoker only.
 */
export function addressTo(input: CommandInput, answer: MessagePayload): MessagePayload {
  const targetId = targetOf(input);
  if (targetId === undefined || answer.ephemeral === true) return answer;
  const line = targetLine(targetId, input.userId);
  const allowedMentions = { parse: [] as [], users: [targetId] };
  if (answer.layout !== undefined) {
    return { ...layoutPayload([textDisplay(line), ...answer.layout]), allowedMentions };
  }
  const content = answer.content === undefined || answer.content === '' ? line : `${line}\n${answer.content}`;
  return {
    ...answer,
    content: truncate(content, LIMITS.messageContent),
    allowedMentions,
  };
}

/** Runs a command's answer with `target` applied: refused with hide, addressed otherwise. */
export function withTarget<T extends MessagePayload | Promise<MessagePayload>>(
  input: CommandInput,
  answer: () => T,
): MessagePayload | Promise<MessagePayload> {
  const conflict = targetConflict(input);
  if (conflict) return conflict;
  const result = answer();
  return result instanceof Promise
    ? result.then((payload) => addressTo(input, payload))
    : addressTo(input, result as MessagePayload);
}
