import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  DiscordAPIError,
  Events,
  Routes,
  type Client,
  type Interaction,
} from 'discord.js';
import type { APIChannel, APIMessage } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordPoster } from '../../../src/discord/poster.js';
import { loginClient } from '../../../tools/discord-standin/bare-bot.js';
import { startStandin, type Standin } from '../../../tools/discord-standin/index.js';

const TOKEN = 'standin-threads-token';

let standin: Standin;
let client: Client;
let handler: (interaction: Interaction) => Promise<void>;

beforeEach(async () => {
  standin = await startStandin({
    token: TOKEN,
    heartbeatIntervalMs: 500,
    guilds: [
      {
        name: 'Threads',
        botPermissions: [
          'ViewChannel',
          'SendMessages',
          'SendMessagesInThreads',
          'CreatePublicThreads',
          'EmbedLinks',
          'ReadMessageHistory',
        ],
        channels: [
          { name: 'general' },
          { name: 'showcase', kind: 'forum', availableTags: ['Databases', 'Consensus'] },
          { name: 'news', kind: 'announcement' },
          { name: 'no-threads', overwrites: [{ target: 'bot', deny: ['CreatePublicThreads'] }] },
        ],
      },
    ],
  });
  client = await loginClient(standin.apiUrl, TOKEN);
  handler = async () => undefined;
  client.on(Events.InteractionCreate, (interaction) => void handler(interaction));
});

afterEach(async () => {
  await client.destroy();
  await standin.stop();
});

function channelId(index: number): string {
  const id = standin.guilds[0]?.channelIds[index];
  if (!id) throw new Error(`no channel ${index}`);
  return id;
}

describe('stand-in: forum channels and posts', () => {
  it('describes a forum with its available tags in the gateway cache', () => {
    const forum = client.channels.cache.get(channelId(1));
    expect(forum?.type).toBe(ChannelType.GuildForum);
    const tags = forum && 'availableTags' in forum ? forum.availableTags.map((t) => t.name) : [];
    expect(tags).toEqual(['Databases', 'Consensus']);
    expect(client.channels.cache.get(channelId(2))?.type).toBe(ChannelType.GuildAnnouncement);
  });

  it('creates a forum post: a thread with a starter message and applied tags, announced by THREAD_CREATE', async () => {
    const forumId = channelId(1);
    const tag = standin.forumTags(forumId).find((t) => t.name === 'Consensus');
    const created = new Promise<string>((resolve) =>
      client.on(Events.ThreadCreate, (thread) => resolve(thread.name)),
    );
    const post = (await client.rest.post(Routes.threads(forumId), {
      body: {
        name: 'etcd',
        auto_archive_duration: 10080,
        applied_tags: [tag?.id],
        message: { content: 'Featured: etcd', allowed_mentions: { parse: [] } },
      },
    })) as APIChannel & { message: APIMessage; applied_tags: string[] };
    expect(post.type).toBe(ChannelType.PublicThread);
    expect(post.applied_tags).toEqual([tag?.id]);
    expect(post.message.id).toBe(post.id);
    expect(post.message.channel_id).toBe(post.id);
    expect(await created).toBe('etcd');
    expect(standin.threads(forumId).map((t) => t.name)).toEqual(['etcd']);
    expect(standin.channelMessages(post.id).map((m) => m.content)).toEqual(['Featured: etcd']);
    // Plain messages are refused in a forum; unknown tags too.
    await expect(
      client.rest.post(Routes.channelMessages(forumId), { body: { content: 'hi' } }),
    ).rejects.toMatchObject({ code: 50008 });
    await expect(
      client.rest.post(Routes.threads(forumId), {
        body: { name: 'x', applied_tags: ['1'], message: { content: 'x' } },
      }),
    ).rejects.toBeInstanceOf(DiscordAPIError);
  });
});

describe('stand-in: threads from messages', () => {
  it("lets dsp's poster open a message's thread once: asked again (a recovery), it resolves, no second", async () => {
    const general = channelId(0);
    const message = (await client.rest.post(Routes.channelMessages(general), {
      body: { content: 'Featured project' },
    })) as APIMessage;
    const poster = createDiscordPoster(client);
    await poster.openThread?.(general, message.id, 'etcd');
    await poster.openThread?.(general, message.id, 'etcd again');
    expect(standin.threads(general).map((thread) => [thread.id, thread.name])).toEqual([
      [message.id, 'etcd'],
    ]);
  });

  it('opens one thread per message with its auto-archive duration, and refuses a second (160004)', async () => {
    const general = channelId(0);
    const message = (await client.rest.post(Routes.channelMessages(general), {
      body: { content: 'Featured project' },
    })) as APIMessage;
    const thread = (await client.rest.post(Routes.threads(general, message.id), {
      body: { name: 'etcd', auto_archive_duration: 10080 },
    })) as APIChannel & { thread_metadata: { auto_archive_duration: number }; parent_id: string };
    expect(thread.id).toBe(message.id);
    expect(thread.parent_id).toBe(general);
    expect(thread.thread_metadata.auto_archive_duration).toBe(10080);
    expect(standin.message(message.id)?.thread).toMatchObject({ id: message.id, name: 'etcd' });
    await expect(
      client.rest.post(Routes.threads(general, message.id), { body: { name: 'again' } }),
    ).rejects.toMatchObject({ code: 160004 });
    // Posting in the thread needs Send Messages in Threads.
    const inThread = (await client.rest.post(Routes.channelMessages(thread.id), {
      body: { content: 'discuss' },
    })) as APIMessage;
    expect(inThread.channel_id).toBe(thread.id);
    expect(standin.threads(general)).toHaveLength(1);
  });

  it('answers 50013 without Create Public Threads', async () => {
    const muted = channelId(3);
    const message = (await client.rest.post(Routes.channelMessages(muted), {
      body: { content: 'post' },
    })) as APIMessage;
    await expect(
      client.rest.post(Routes.threads(muted, message.id), { body: { name: 'x' } }),
    ).rejects.toMatchObject({ code: 50013 });
  });
});

describe('stand-in: message context-menu commands', () => {
  it('delivers a type 3 command with the resolved target message', async () => {
    await client.application?.commands.set([{ type: ApplicationCommandType.Message, name: 'Find projects' }]);
    const target = standin.postUserMessage({ channelId: channelId(0), content: 'try etcd and raft' });
    handler = async (interaction) => {
      if (!interaction.isMessageContextMenuCommand()) return;
      await interaction.reply({ content: `target: ${interaction.targetMessage.content}`, flags: 64 });
    };
    const result = standin.messageCommand({ name: 'Find projects', message: target });
    const response = await result.waitForResponse();
    expect(response.content).toBe('target: try etcd and raft');
    expect(result.ephemeral).toBe(true);
    expect((result.payload.data as { type: number }).type).toBe(3);
  });

  it('refuses an unregistered message command in strict mode', async () => {
    const strict = await startStandin({ token: TOKEN, strictCommands: true });
    try {
      const channel = strict.guilds[0]?.channelIds[0] ?? '';
      const target = strict.postUserMessage({ channelId: channel, content: 'x' });
      expect(() => strict.messageCommand({ name: 'Nope', message: target })).toThrow(/no message command/);
    } finally {
      await strict.stop();
    }
  });
});

describe('stand-in: who a message pings', () => {
  it('applies allowed_mentions to the mentions in the content', async () => {
    const general = channelId(0);
    const guildId = standin.guilds[0]?.id ?? '';
    const roleId = standin.addRole(guildId, 'updates');
    const alice = '100000000000000001';
    const bob = '100000000000000002';
    const content = `<@${alice}> <@!${bob}> <@&${roleId}> @everyone`;
    const pinged = async (allowed?: object) => {
      const message = (await client.rest.post(Routes.channelMessages(general), {
        body: { content, ...(allowed ? { allowed_mentions: allowed } : {}) },
      })) as APIMessage;
      return standin.pings(message.id);
    };
    expect(await pinged()).toEqual({ users: [alice, bob], roles: [roleId], everyone: true });
    expect(await pinged({ parse: [] })).toEqual({ users: [], roles: [], everyone: false });
    expect(await pinged({ users: [alice] })).toEqual({ users: [alice], roles: [], everyone: false });
    expect(await pinged({ parse: [], roles: [roleId] })).toEqual({
      users: [],
      roles: [roleId],
      everyone: false,
    });
    await expect(pinged({ parse: ['users'], users: [alice] })).rejects.toMatchObject({ code: 50035 });
  });

  it('records pings of interaction replies and resolves User options', async () => {
    await client.application?.commands.set([
      {
        name: 'share',
        description: 'share',
        options: [{ type: ApplicationCommandOptionType.User, name: 'target', description: 'who' }],
      },
    ]);
    const alice = '100000000000000003';
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const user = interaction.options.getUser('target');
      await interaction.reply({
        content: `<@${user?.id}> look`,
        allowedMentions: { users: user ? [user.id] : [] },
      });
    };
    const result = standin.slash({ name: 'share', options: { target: alice } });
    const response = await result.waitForResponse();
    expect(response.content).toBe(`<@${alice}> look`);
    expect(standin.pings(response.id)).toEqual({ users: [alice], roles: [], everyone: false });
  });
});
