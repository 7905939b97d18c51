import { MessageFlags } from 'discord.js';
import type {
  InteractionEditReplyOptions,
  InteractionReplyOptions,
  InteractionUpdateOptions,
} from 'discord.js';
import type { MessagePayload } from '../../commands/types.js';

/** Never ping anyone, whatever the payload says. */
const NO_MENTIONS = { parse: [] as [] };

function body(payload: MessagePayload) {
  return {
    content: payload.content ?? '',
    embeds: payload.embeds ?? [],
    components: payload.components ?? [],
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
