/** Building and editing message objects the way Discord stores them. */
import { snowflake } from './snowflake.js';
import type { JsonObject, StandinMessage } from './types.js';
import type { MultipartPart } from './multipart.js';
import { pingsOf } from './pings.js';
import type { UserState, World } from './world.js';

export const EPHEMERAL = 1 << 6;
export const LOADING = 1 << 7;
/** Flags a client may set: suppress embeds, ephemeral, suppress notifications, components v2. */
const SETTABLE_FLAGS = (1 << 2) | EPHEMERAL | (1 << 12) | (1 << 15);

export interface NewMessage {
  channelId: string;
  guildId: string | null;
  author: UserState;
  body: JsonObject;
  files?: MultipartPart[];
  /** Discord message type: 0 default, 20 chat-input command reply. */
  type?: number;
  extraFlags?: number;
  interaction?: { id: string; type: number; user: JsonObject; name?: string; owners: JsonObject };
  webhookId?: string;
}

function attachmentsFor(channelId: string, files: readonly MultipartPart[]): JsonObject[] {
  return files.map((file) => {
    const id = snowflake();
    const filename = file.filename ?? 'file';
    const url = `https://cdn.discordapp.com/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
    return {
      id,
      filename,
      size: file.data.length,
      url,
      proxy_url: url,
      content_type: file.contentType ?? undefined,
    };
  });
}

/** Discord stores embeds with a type ('rich' unless given). */
function storedEmbeds(value: unknown): JsonObject[] {
  return Array.isArray(value) ? (value as JsonObject[]).map((embed) => ({ type: 'rich', ...embed })) : [];
}

export function buildMessage(world: World, spec: NewMessage): StandinMessage {
  const { body } = spec;
  const flags = ((typeof body.flags === 'number' ? body.flags : 0) & SETTABLE_FLAGS) | (spec.extraFlags ?? 0);
  const message: StandinMessage = {
    id: snowflake(),
    type: spec.type ?? 0,
    channel_id: spec.channelId,
    author: world.userJson(spec.author),
    content: typeof body.content === 'string' ? body.content : '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: body.tts === true,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: attachmentsFor(spec.channelId, spec.files ?? []),
    embeds: storedEmbeds(body.embeds),
    components: Array.isArray(body.components) ? (body.components as JsonObject[]) : [],
    pinned: false,
    flags,
  };
  if (spec.guildId) message.guild_id = spec.guildId;
  world.pings.set(message.id, pingsOf(body));
  if (body.nonce !== undefined) message.nonce = body.nonce;
  if (spec.webhookId) {
    message.webhook_id = spec.webhookId;
    message.application_id = spec.webhookId;
  }
  if (spec.interaction) {
    const { id, type, user, name, owners } = spec.interaction;
    message.interaction_metadata = {
      id,
      type,
      user,
      authorizing_integration_owners: owners,
      ...(name ? { name } : {}),
    };
  }
  return message;
}

/** PATCH semantics: fields present in the body replace the stored ones; a loading message stops loading. */
export function applyEdit(
  message: StandinMessage,
  body: JsonObject,
  files: readonly MultipartPart[] = [],
): void {
  if ('content' in body) message.content = typeof body.content === 'string' ? body.content : '';
  if ('embeds' in body) message.embeds = storedEmbeds(body.embeds);
  if ('components' in body)
    message.components = Array.isArray(body.components) ? (body.components as JsonObject[]) : [];
  if (typeof body.flags === 'number') {
    message.flags = (message.flags & EPHEMERAL) | (body.flags & SETTABLE_FLAGS & ~EPHEMERAL);
  }
  if ('attachments' in body || files.length > 0) {
    const keep = new Set(
      (Array.isArray(body.attachments) ? (body.attachments as JsonObject[]) : []).map((a) => String(a.id)),
    );
    const previous = Array.isArray(message.attachments) ? (message.attachments as JsonObject[]) : [];
    const kept = 'attachments' in body ? previous.filter((a) => keep.has(String(a.id))) : previous;
    message.attachments = [...kept, ...attachmentsFor(message.channel_id, files)];
  }
  message.flags &= ~LOADING;
  message.edited_timestamp = new Date().toISOString();
}
