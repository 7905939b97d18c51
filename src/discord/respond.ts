import { MessageFlags } from 'discord.js';
import type {
  InteractionEditReplyOptions,
  InteractionReplyOptions,
  InteractionUpdateOptions,
} from 'discord.js';
import type { MessagePayload } from '../contracts/payload.js';

/** Never ping anyone, whatever the payload says. */
const NO_MENTIONS = { parse: [] as [] };

/**
 * Payloads are already Discord API JSON; handing them over as JSON-encodable values spares
 * discord.js a recursive key conversion on every reply.
 */
function asJson<T>(value: T): { toJSON(): T } {
  return { toJSON: () => value };
}

function body(payload: MessagePayload) {
  return {
    content: payload.content ?? '',
    embeds: (payload.embeds ?? []).map(asJson),
    components: (payload.components ?? []).map(asJson),
    allowedMentions: NO_MENTIONS,
  };
}

export function toReply(payload: MessagePayload): InteractionReplyOptions {
  return payload.ephemeral ? { ...body(payload), flags: MessageFlags.Ephemeral } : body(payload);
}

export function toEdit(payload: MessagePayload): InteractionEditReplyOptions {
  return body(payload);
}

export function toUpdate(payload: MessagePayload): InteractionUpdateOptions {
  return body(payload);
}

export function notice(content: string): MessagePayload {
  return { content, ephemeral: true, allowedMentions: NO_MENTIONS };
}
