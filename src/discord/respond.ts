import { MessageFlags } from 'discord.js';
import type {
  InteractionEditReplyOptions,
  InteractionReplyOptions,
  InteractionUpdateOptions,
} from 'discord.js';
import type { MessagePayload } from '../contracts/payload.js';

/**
 * Payloads are already Discord API JSON; handing them over as JSON-encodable values spares
 * discord.js a recursive key conversion on every reply.
 */
function asJson<T>(value: T): { toJSON(): T } {
  return { toJSON: () => value };
}

/** Nothing parsed from the text; only the users and roles the payload names explicitly. */
export function allowedMentionsOf(payload: MessagePayload): {
  parse: [];
  users?: string[];
  roles?: string[];
} {
  const { users, roles } = payload.allowedMentions;
  return {
    parse: [],
    ...(users && users.length > 0 ? { users: [...users] } : {}),
    ...(roles && roles.length > 0 ? { roles: [...roles] } : {}),
  };
}

function body(payload: MessagePayload) {
  return {
    content: payload.content ?? '',
    embeds: (payload.embeds ?? []).map(asJson),
    components: (payload.components ?? []).map(asJson),
    allowedMentions: allowedMentionsOf(payload),
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
