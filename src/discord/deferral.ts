/**
 * Answering within Discord's 3 s window: an answer ready in time is sent as it is; a slower one is
 * acknowledged first (a deferred reply or update) and delivered by editing when it arrives.
 */
import type { MessageComponentInteraction } from 'discord.js';
import type { ComponentReply } from '../../commands/types.js';
import type { MessagePayload } from '../contracts/payload.js';
import { toEdit, toReply } from './respond.js';

const TIMED_OUT = Symbol('timed out');

/** What `pending` settles to within `ms`, or TIMED_OUT; the timer never outlives the race. */
async function within<T>(pending: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([pending, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** A command's answer: replied when ready within `deferAfterMs`, otherwise deferred then edited in. */
export async function replyOrDefer(
  result: MessagePayload | Promise<MessagePayload>,
  deferAfterMs: number,
  reply: (payload: MessagePayload) => Promise<unknown>,
  deferThenEdit: (pending: Promise<MessagePayload>) => Promise<void>,
): Promise<void> {
  if (!(result instanceof Promise)) {
    await reply(result);
    return;
  }
  const first = await within(result, deferAfterMs);
  if (first === TIMED_OUT) await deferThenEdit(result);
  else await reply(first);
}

/** A slow component answer: acknowledge in time, then edit the message it sits on. */
export async function updateOrDefer(
  interaction: MessageComponentInteraction,
  pending: Promise<ComponentReply>,
  deferAfterMs: number,
) {
  const first = await within(pending, deferAfterMs);
  if (first !== TIMED_OUT) return first;
  await interaction.deferUpdate();
  const late = await pending;
  if (late.kind === 'update') await interaction.editReply(toEdit(late.payload));
  else await interaction.followUp(toReply(late.payload));
  return 'deferred' as const;
}
