import { DiscordAPIError, Events, MessageFlags, Routes, type Client, type Interaction } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loginClient } from '../../../tools/discord-standin/bare-bot.js';
import { startStandin, type Standin } from '../../../tools/discord-standin/index.js';

const TOKEN = 'standin-v2-token';

let standin: Standin;
let client: Client;
let handler: (interaction: Interaction) => Promise<void>;

beforeEach(async () => {
  standin = await startStandin({
    token: TOKEN,
    guilds: [{ name: 'Folks', channels: [{ name: 'general' }] }],
  });
  client = await loginClient(standin.apiUrl, TOKEN);
  handler = async () => undefined;
  client.on(Events.InteractionCreate, (interaction) => void handler(interaction));
});

afterEach(async () => {
  await client.destroy();
  await standin.stop();
});

const text = (content: string) => ({ type: 10, content });
const button = (id: string, label = 'Details') => ({ type: 2, style: 2, custom_id: id, label });
const section = (texts: string[], accessory: object) => ({ type: 9, components: texts.map(text), accessory });
const thumbnail = (url: string) => ({ type: 11, media: { url } });
const container = (components: object[]) => ({ type: 17, accent_color: 0x5865f2, components });

function channelId(): string {
  const id = standin.guilds[0]?.channelIds[0];
  if (!id) throw new Error('no channel');
  return id;
}

/** Posts a message body over REST; the Discord error when refused. */
async function post(body: object): Promise<DiscordAPIError | undefined> {
  try {
    await client.rest.post(Routes.channelMessages(channelId()), { body });
    return undefined;
  } catch (error) {
    if (error instanceof DiscordAPIError) return error;
    throw error;
  }
}

/** The error codes Discord put at one path of a 50035 body, e.g. `components.0.components.1.accessory`. */
function codesAt(error: DiscordAPIError | undefined, path: string): string[] {
  expect(error).toMatchObject({ code: 50035, status: 400 });
  let node = (error?.rawError as { errors?: unknown }).errors;
  for (const key of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[key];
  const list = (node as { _errors?: { code: string }[] } | undefined)?._errors ?? [];
  return list.map((entry) => entry.code);
}

const V2 = MessageFlags.IsComponentsV2;

describe('Components V2 messages', () => {
  it('accepts a valid card and stores it with the flag and its nested components', async () => {
    const card = container([
      section(['# etcd', 'A key-value store'], thumbnail('https://github.com/etcd-io.png')),
    ]);
    expect(await post({ flags: V2, components: [card] })).toBeUndefined();
    const [stored] = standin.channelMessages(channelId());
    expect((stored?.flags ?? 0) & V2).toBe(V2);
    expect(stored?.components).toEqual([card]);
  });

  it('refuses content or embeds beside the flag', async () => {
    const error = await post({
      flags: V2,
      content: 'hello',
      embeds: [{ title: 'x' }],
      components: [text('hi')],
    });
    expect(codesAt(error, 'content')).toEqual(['MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2']);
    expect(codesAt(error, 'embeds')).toEqual(['MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2']);
    expect(standin.channelMessages(channelId())).toHaveLength(0);
  });

  it('refuses layout components without the flag', async () => {
    const error = await post({ components: [container([text('hi')])] });
    expect(codesAt(error, 'components.0.type')).toEqual(['BASE_TYPE_CHOICES']);
  });

  it('refuses more than 40 components, counting nested ones', async () => {
    const forty = Array.from({ length: 39 }, (_, i) => text(`line ${i}`));
    expect(await post({ flags: V2, components: [container(forty)] })).toBeUndefined();
    const error = await post({ flags: V2, components: [container([...forty, text('one more')])] });
    expect(codesAt(error, 'components')).toEqual(['COMPONENT_MAX_TOTAL_COMPONENTS_EXCEEDED']);
  });

  it('refuses more than 4000 characters across text displays', async () => {
    expect(
      await post({ flags: V2, components: [text('a'.repeat(2000)), text('b'.repeat(2000))] }),
    ).toBeUndefined();
    const error = await post({ flags: V2, components: [text('a'.repeat(2000)), text('b'.repeat(2001))] });
    expect(codesAt(error, 'components')).toEqual(['COMPONENT_MAX_TEXT_DISPLAY_LENGTH_EXCEEDED']);
  });

  it('refuses a section without 1–3 text displays or without an accessory', async () => {
    const error = await post({
      flags: V2,
      components: [
        section(['1', '2', '3', '4'], button('a')),
        { type: 9, components: [text('no accessory')] },
        section([], button('b')),
      ],
    });
    expect(codesAt(error, 'components.0.components')).toEqual(['BASE_TYPE_BAD_LENGTH']);
    expect(codesAt(error, 'components.1.accessory')).toEqual(['BASE_TYPE_REQUIRED']);
    expect(codesAt(error, 'components.2.components')).toEqual(['BASE_TYPE_BAD_LENGTH']);
  });

  it('refuses thumbnails and gallery images that are not http(s) or attachment URLs', async () => {
    expect(
      await post({ flags: V2, components: [section(['ok'], thumbnail('attachment://card.png'))] }),
    ).toBeUndefined();
    const error = await post({
      flags: V2,
      components: [
        section(['x'], thumbnail('javascript:alert(1)')),
        { type: 12, items: [{ media: { url: 'ftp://example.org/p.png' } }] },
      ],
    });
    expect(codesAt(error, 'components.0.accessory.media.url')).toEqual(['URL_TYPE_INVALID_URL']);
    expect(codesAt(error, 'components.1.items.0.media.url')).toEqual(['URL_TYPE_INVALID_URL']);
  });

  it('refuses a custom id used twice in one message, wherever the buttons sit', async () => {
    const error = await post({
      flags: V2,
      components: [container([section(['a'], button('same'))]), { type: 1, components: [button('same')] }],
    });
    expect(codesAt(error, 'components.1.components.0.custom_id')).toEqual(['COMPONENT_CUSTOM_ID_DUPLICATED']);
  });

  it('delivers a press on a section button, keeps the flag through an update, and refuses one that drops it', async () => {
    const failures: unknown[] = [];
    handler = async (interaction) => {
      if (interaction.isChatInputCommand()) {
        await interaction.reply({
          flags: V2,
          components: [container([section(['page 1'], button('next'))])],
        });
      } else if (interaction.isButton() && interaction.customId === 'next') {
        await interaction.update({
          flags: V2,
          components: [container([section(['page 2'], button('back'))])],
        });
      } else if (interaction.isButton()) {
        await interaction
          .update({ content: 'plain again', components: [], flags: MessageFlags.SuppressEmbeds })
          .catch((error: unknown) => {
            failures.push(error);
          });
      }
    };
    const first = await standin.slash({ name: 'dsp', subcommand: 'search' }).waitForResponse();
    expect(first.flags & V2).toBe(V2);
    const updated = await standin.clickButton({ message: first, customId: 'next' }).waitForResponse();
    expect(updated.flags & V2).toBe(V2);
    expect(JSON.stringify(updated.components)).toContain('page 2');

    const press = standin.clickButton({ message: updated, customId: 'back' });
    await expect.poll(() => failures.length).toBe(1);
    expect(failures[0]).toMatchObject({ code: 50035, status: 400 });
    expect(press.acknowledged).toBe(false);
    const stored = standin.message(first.id);
    expect((stored?.flags ?? 0) & V2).toBe(V2);
    expect(JSON.stringify(stored?.components)).toContain('page 2');
  });

  it('refuses content in an edit of a V2 message even when the edit does not repeat the flag', async () => {
    expect(await post({ flags: V2, components: [text('v1')] })).toBeUndefined();
    const [message] = standin.channelMessages(channelId());
    const edit = client.rest.patch(Routes.channelMessage(channelId(), message?.id ?? ''), {
      body: { content: 'now with content' },
    });
    await expect(edit).rejects.toMatchObject({ code: 50035 });
    expect(standin.message(message?.id ?? '')?.content).toBe('');
  });

  it('pings mentions in text displays as Discord does: only those allowed_mentions lets through', async () => {
    const user = standin.defaultUserId;
    const mention = { flags: V2, components: [container([text(`<@${user}>, a find for you`)])] };
    expect(await post({ ...mention, allowed_mentions: { parse: [], users: [user] } })).toBeUndefined();
    expect(await post({ ...mention, allowed_mentions: { parse: [] } })).toBeUndefined();
    const [shared, quiet] = standin.channelMessages(channelId());
    expect(standin.pings(shared?.id ?? '')).toEqual({ users: [user], roles: [], everyone: false });
    expect(standin.pings(quiet?.id ?? '')).toEqual({ users: [], roles: [], everyone: false });
  });
});
