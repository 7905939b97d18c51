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

/** A layout goes alone with the V2 flag: Discord refuses content or embeds beside it. */
function body(payload: MessagePayload) {
  if (payload.layout !== undefined) {
    return {
      components: payload.layout.map(asJson),
      flags: MessageFlags.IsComponentsV2,
      allowedMentions: allowedMentionsOf(payload),
    } as const;
  }
  return {
    content: payload.content ?? '',
    embeds: (payload.embeds ?? []).map(asJson),
    components: (payload.components ?? []).map(asJson),
    allowedMentions: allowedMentionsOf(payload),
  };
}

export function toReply(payload: MessagePayload): InteractionReplyOptions {
  const { flags = 0, ...rest } = body(payload);
  const all = flags | (payload.ephemeral ? MessageFlags.Ephemeral : 0);
  return all === 0 ? rest : { ...rest, flags: all };
}

export function toEdit(payload: MessagePayload): InteractionEditReplyOptions {
  return body(payload);
}

export function toUpdate(payload: MessagePayload): InteractionUpdateOptions {
  return body(payload);
}

/** The REST body of a channel message (the featured post): a layout with its flag, or classic parts. */
export function channelMessageBody(payload: MessagePayload) {
  return payload.layout !== undefined
    ? { components: payload.layout, flags: MessageFlags.IsComponentsV2 }
    : { content: payload.content ?? '', embeds: payload.embeds ?? [], components: payload.components ?? [] };
}
