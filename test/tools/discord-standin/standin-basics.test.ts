import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  DiscordAPIError,
  Events,
  MessageFlags,
  PermissionFlagsBits,
  StringSelectMenuBuilder,
  type Client,
  type Interaction,
  type TextChannel,
} from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loginClient } from '../../../tools/discord-standin/bare-bot.js';
import { startStandin, type Standin } from '../../../tools/discord-standin/index.js';

const TOKEN = 'standin-test-token';

let standin: Standin;
let client: Client;
let handler: (interaction: Interaction) => Promise<void>;

beforeEach(async () => {
  standin = await startStandin({
    token: TOKEN,
    heartbeatIntervalMs: 500,
    guilds: [
      {
        name: 'Distributed Folks',
        channels: [
          { name: 'general' },
          { name: 'announcements', overwrites: [{ target: 'everyone', deny: ['SendMessages'] }] },
          { name: 'bot-muted', overwrites: [{ target: 'bot', deny: ['SendMessages'] }] },
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

function guild() {
  const info = standin.guilds[0];
  if (!info) throw new Error('no guild');
  return info;
}

function channelId(index: number): string {
  const id = guild().channelIds[index];
  if (!id) throw new Error(`no channel ${index}`);
  return id;
}

describe('login and caches', () => {
  it('reaches ready with the bot user, its guilds and their channels cached', () => {
    expect(client.user?.id).toBe(standin.botUserId);
    expect(client.user?.bot).toBe(true);
    const cached = client.guilds.cache.get(guild().id);
    expect(cached?.name).toBe('Distributed Folks');
    expect(cached?.channels.cache.map((c) => c.name).sort()).toEqual([
      'announcements',
      'bot-muted',
      'general',
    ]);
    expect(cached?.members.me?.id).toBe(standin.botUserId);
  });

  it('computes channel permissions for the bot from roles and overwrites', () => {
    const cached = client.guilds.cache.get(guild().id);
    const permissionsIn = (name: string) =>
      cached?.channels.cache.find((c) => c.name === name)?.permissionsFor(client.user?.id ?? '');
    expect(permissionsIn('general')?.has(PermissionFlagsBits.SendMessages)).toBe(true);
    expect(permissionsIn('announcements')?.has(PermissionFlagsBits.SendMessages)).toBe(false);
    expect(permissionsIn('announcements')?.has(PermissionFlagsBits.ViewChannel)).toBe(true);
    expect(permissionsIn('bot-muted')?.has(PermissionFlagsBits.SendMessages)).toBe(false);
  });

  it('rejects a wrong token at login', async () => {
    await expect(loginClient(standin.apiUrl, 'wrong-token')).rejects.toThrow(/token/i);
  });

  it('records REST requests without the token, and answers unknown routes with 404', async () => {
    await expect(client.rest.get('/nope/nothing-here')).rejects.toMatchObject({ status: 404, code: 0 });
    const gatewayCall = standin.requests.find((r) => r.path === '/gateway/bot');
    expect(gatewayCall?.headers.authorization).toBe('[redacted]');
    expect(JSON.stringify(standin.requests)).not.toContain(TOKEN);
    expect(standin.requests.at(-1)).toMatchObject({ method: 'GET', path: '/nope/nothing-here', status: 404 });
  });
});

describe('slash commands', () => {
  it('delivers a subcommand with typed options and shows the reply', async () => {
    let seen: { sub: string | null; query: string | null; hide: boolean | null } | undefined;
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      seen = {
        sub: interaction.options.getSubcommand(false),
        query: interaction.options.getString('query'),
        hide: interaction.options.getBoolean('hide'),
      };
      await interaction.reply({ content: `results for ${seen.query}`, flags: MessageFlags.Ephemeral });
    };
    const result = standin.slash({
      name: 'dsp',
      subcommand: 'search',
      options: { query: 'raft', hide: true },
    });
    const message = await result.waitForResponse();
    expect(seen).toEqual({ sub: 'search', query: 'raft', hide: true });
    expect(message.content).toBe('results for raft');
    expect(result.ephemeral).toBe(true);
    expect(standin.channelMessages(channelId(0))).toHaveLength(0);
  });

  it('supports subcommand groups', async () => {
    let path = '';
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      path = `${interaction.options.getSubcommandGroup()} ${interaction.options.getSubcommand()}`;
      await interaction.reply('done');
    };
    await standin
      .slash({ name: 'dsp', group: 'watch', subcommand: 'add', options: { query: 'kafka' } })
      .waitForResponse();
    expect(path).toBe('watch add');
  });

  it('shows the edited message after a deferred reply', async () => {
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await interaction.editReply({ content: 'finished thinking' });
    };
    const result = standin.slash({ name: 'dsp', subcommand: 'random' });
    const message = await result.waitForResponse();
    expect(message.content).toBe('finished thinking');
    expect(result.callbacks.map((c) => c.type)).toEqual([5]);
    expect(standin.channelMessages(channelId(0)).map((m) => m.content)).toEqual(['finished thinking']);
  });

  it('records follow-ups', async () => {
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply('first');
      await interaction.followUp({ content: 'second', flags: MessageFlags.Ephemeral });
    };
    const result = standin.slash({ name: 'dsp', subcommand: 'help' });
    const followups = await result.waitForFollowups(1);
    expect(followups[0]?.content).toBe('second');
    expect(followups[0]?.flags).toBe(MessageFlags.Ephemeral);
  });

  it('works in DMs, where the user comes without a member', async () => {
    let inGuild: boolean | undefined;
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      inGuild = interaction.inGuild();
      await interaction.reply(`hi ${interaction.user.username}`);
    };
    const message = await standin
      .slash({ name: 'dsp', subcommand: 'help', dm: true, username: 'ana' })
      .waitForResponse();
    expect(inGuild).toBe(false);
    expect(message.content).toBe('hi ana');
  });

  it('refuses a second callback with 40060', async () => {
    let second: unknown;
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply('one');
      second = await client.rest
        .post(`/interactions/${interaction.id}/${interaction.token}/callback`, {
          body: { type: 4, data: { content: 'two' } },
          auth: false,
        })
        .catch((error: unknown) => error);
    };
    const result = standin.slash({ name: 'dsp', subcommand: 'help' });
    await result.waitForResponse();
    await expect.poll(() => second).toBeInstanceOf(DiscordAPIError);
    expect(second).toMatchObject({ code: 40060, status: 400 });
    expect(result.callbacks).toHaveLength(1);
  });

  it('rejects a reply that comes after the interaction timeout with 10062', async () => {
    await client.destroy();
    await standin.stop();
    standin = await startStandin({ token: TOKEN, interactionTimeoutMs: 50 });
    client = await loginClient(standin.apiUrl, TOKEN);
    let failure: unknown;
    client.on(Events.InteractionCreate, (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      setTimeout(() => {
        interaction.reply('too late').catch((error: unknown) => (failure = error));
      }, 150);
    });
    const result = standin.slash({ name: 'dsp', subcommand: 'help' });
    await expect.poll(() => failure, { timeout: 3000 }).toBeInstanceOf(DiscordAPIError);
    expect(failure).toMatchObject({ code: 10062, status: 404 });
    expect(result.acknowledged).toBe(false);
  });

  it('uses registered command definitions for option types', async () => {
    await client.application?.commands.set([
      {
        name: 'dsp',
        description: 'Distributed systems projects',
        options: [
          {
            type: 1,
            name: 'top',
            description: 'Top projects',
            options: [{ type: 4, name: 'count', description: 'How many' }],
          },
        ],
      },
    ]);
    expect(standin.commands().map((c) => c.name)).toEqual(['dsp']);
    let count: number | null = null;
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      count = interaction.options.getInteger('count');
      await interaction.reply(`top ${count}`);
    };
    await standin.slash({ name: 'dsp', subcommand: 'top', options: { count: 5 } }).waitForResponse();
    expect(count).toBe(5);
  });
});

describe('callback variants', () => {
  it('returns the created message for with_response=true', async () => {
    let returnedId: string | undefined;
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const response = await interaction.reply({ content: 'with response', withResponse: true });
      returnedId = response.resource?.message?.id;
    };
    const message = await standin.slash({ name: 'dsp', subcommand: 'help' }).waitForResponse();
    await expect.poll(() => returnedId).toBe(message.id);
    const call = standin.requests.find((r) => r.path.endsWith('/callback'));
    expect(call?.query).toEqual({ with_response: 'true' });
  });

  it('accepts multipart replies with files (payload_json + file parts)', async () => {
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply({
        content: 'export',
        files: [{ attachment: Buffer.from('a,b\n1,2\n'), name: 'projects.csv' }],
      });
    };
    const message = await standin.slash({ name: 'dsp', subcommand: 'export' }).waitForResponse();
    expect(message.content).toBe('export');
    expect(message.attachments).toEqual([expect.objectContaining({ filename: 'projects.csv', size: 8 })]);
    const call = standin.requests.find((r) => r.path.endsWith('/callback'));
    expect(call?.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(call?.files).toEqual(['projects.csv']);
  });

  it('refuses a callback type the interaction does not accept, like Discord', async () => {
    let failure: unknown;
    handler = async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      await client.rest
        .post(`/interactions/${interaction.id}/${interaction.token}/callback`, {
          body: { type: 4, data: { content: 'not a choice list' } },
          auth: false,
        })
        .catch((error: unknown) => (failure = error));
    };
    const result = standin.autocompleteInteraction({
      name: 'dsp',
      subcommand: 'search',
      focused: 'query',
      value: 'r',
    });
    await expect.poll(() => failure).toBeInstanceOf(DiscordAPIError);
    expect(failure).toMatchObject({ code: 50035, status: 400 });
    expect(String((failure as Error).message)).toContain('Value must be one of {8}');
    expect(result.acknowledged).toBe(false);
  });

  it('records a modal', async () => {
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.showModal({
        custom_id: 'suggest',
        title: 'Suggest a project',
        components: [{ type: 1, components: [{ type: 4, custom_id: 'url', label: 'URL', style: 1 }] }],
      });
    };
    const result = standin.slash({ name: 'dsp', subcommand: 'suggest' });
    await result.waitForCallback();
    expect(result.modal).toMatchObject({ custom_id: 'suggest', title: 'Suggest a project' });
  });

  it('a button answered with deferUpdate + editReply edits the message it sits on', async () => {
    handler = async (interaction) => {
      if (interaction.isChatInputCommand()) {
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('refresh').setLabel('Refresh').setStyle(ButtonStyle.Secondary),
        );
        await interaction.reply({ content: 'v1', components: [row] });
      } else if (interaction.isButton()) {
        await interaction.deferUpdate();
        await interaction.editReply({ content: 'v2' });
      }
    };
    const first = await standin.slash({ name: 'dsp', subcommand: 'random' }).waitForResponse();
    const press = standin.clickButton({ message: first, customId: 'refresh' });
    const updated = await press.waitForResponse();
    expect(press.callbacks.map((c) => c.type)).toEqual([6]);
    expect(updated).toMatchObject({ id: first.id, content: 'v2' });
    expect(standin.message(first.id)?.content).toBe('v2');
  });

  it('registers guild commands and leaves a guild over REST', async () => {
    const cached = client.guilds.cache.get(guild().id);
    await cached?.commands.set([{ name: 'dsp', description: 'Guild-only copy' }]);
    expect(standin.commands(guild().id)).toEqual([
      expect.objectContaining({ name: 'dsp', guild_id: guild().id }),
    ]);
    expect(standin.commands()).toEqual([]);
    await cached?.leave();
    expect(standin.guilds).toEqual([]);
    await expect.poll(() => client.guilds.cache.size).toBe(0);
  });
});

describe('autocomplete and components', () => {
  it('returns the choices the bot responds with', async () => {
    handler = async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const focused = interaction.options.getFocused(true);
      await interaction.respond([{ name: `${focused.name}=${focused.value}`, value: 'raft' }]);
    };
    const choices = await standin.autocomplete({
      name: 'dsp',
      subcommand: 'search',
      focused: 'query',
      value: 'raf',
    });
    expect(choices).toEqual([{ name: 'query=raf', value: 'raft' }]);
  });

  it('updates the stored message when a button press answers with update', async () => {
    handler = async (interaction) => {
      if (interaction.isChatInputCommand()) {
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('page:2').setLabel('Next').setStyle(ButtonStyle.Primary),
        );
        await interaction.reply({ content: 'page 1', components: [row] });
      } else if (interaction.isButton()) {
        await interaction.update({ content: `now ${interaction.customId}`, components: [] });
      }
    };
    const first = await standin
      .slash({ name: 'dsp', subcommand: 'search', options: { query: 'db' } })
      .waitForResponse();
    expect(first.components).toHaveLength(1);
    const press = standin.clickButton({ message: first, customId: 'page:2' });
    const updated = await press.waitForResponse();
    expect(updated.id).toBe(first.id);
    expect(updated.content).toBe('now page:2');
    expect(first.content).toBe('page 1');
    expect(standin.message(first.id)?.components).toEqual([]);
  });

  it('delivers select menu values', async () => {
    handler = async (interaction) => {
      if (interaction.isChatInputCommand()) {
        const menu = new StringSelectMenuBuilder()
          .setCustomId('pick')
          .addOptions({ label: 'Raft', value: 'raft' }, { label: 'Paxos', value: 'paxos' });
        await interaction.reply({
          content: 'pick one',
          components: [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu)],
        });
      } else if (interaction.isStringSelectMenu()) {
        await interaction.update({ content: `picked ${interaction.values.join(',')}` });
      }
    };
    const first = await standin.slash({ name: 'dsp', subcommand: 'pick' }).waitForResponse();
    expect(() => standin.selectMenu({ message: first, customId: 'pick', values: ['zab'] })).toThrow(
      /offers no zab/,
    );
    expect(() => standin.clickButton({ message: first, customId: 'nope' })).toThrow(/no component "nope"/);
    const updated = await standin
      .selectMenu({ message: first, customId: 'pick', values: ['paxos'] })
      .waitForResponse();
    expect(updated.content).toBe('picked paxos');
  });

  it('rejects an over-long reply like Discord (50035) and leaves the interaction unacknowledged', async () => {
    let failure: unknown;
    handler = async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply('x'.repeat(2001)).catch((error: unknown) => (failure = error));
    };
    const result = standin.slash({ name: 'dsp', subcommand: 'help' });
    await expect.poll(() => failure).toBeInstanceOf(DiscordAPIError);
    expect(failure).toMatchObject({ code: 50035, status: 400 });
    expect(result.acknowledged).toBe(false);
  });
});

describe('channels', () => {
  function textChannel(index: number): TextChannel {
    const channel = client.channels.cache.get(channelId(index));
    if (channel?.type !== ChannelType.GuildText) throw new Error('not a text channel');
    return channel;
  }

  it('creates one message for the same nonce with enforce_nonce', async () => {
    const general = textChannel(0);
    const a = await general.send({ content: 'digest', nonce: 'digest-2024-01', enforceNonce: true });
    const b = await general.send({ content: 'digest', nonce: 'digest-2024-01', enforceNonce: true });
    expect(b.id).toBe(a.id);
    expect(standin.channelMessages(general.id)).toHaveLength(1);
  });

  it('lists channel messages newest first with limit/before', async () => {
    const general = textChannel(0);
    for (const n of [1, 2, 3]) await general.send(`m${n}`);
    const all = await general.messages.fetch({ limit: 10 });
    expect([...all.values()].map((m) => m.content)).toEqual(['m3', 'm2', 'm1']);
    const newest = [...all.values()][0];
    const older = await general.messages.fetch({ limit: 1, before: newest?.id });
    expect([...older.values()].map((m) => m.content)).toEqual(['m2']);
  });

  it('answers 50013 when the bot may not send, and 50001 when it cannot see', async () => {
    await expect(textChannel(2).send('hello')).rejects.toMatchObject({ code: 50013, status: 403 });
    const general = textChannel(0);
    standin.denyView(general.id);
    await expect
      .poll(() => general.permissionsFor(client.user?.id ?? '')?.has(PermissionFlagsBits.ViewChannel))
      .toBe(false);
    await expect(
      client.rest.post(`/channels/${general.id}/messages`, { body: { content: 'hi' } }),
    ).rejects.toMatchObject({
      code: 50001,
    });
  });

  it('stores embeds as Discord returns them, and drops them without Embed Links', async () => {
    const general = textChannel(0);
    const sent = await general.send({ embeds: [{ title: 'Weekly', footer: { text: 'dsp:2024-W01' } }] });
    expect(standin.message(sent.id)?.embeds).toEqual([
      { type: 'rich', title: 'Weekly', footer: { text: 'dsp:2024-W01' } },
    ]);
    standin.setChannelPermissions(general.id, [{ target: 'bot', deny: ['EmbedLinks'] }]);
    const bare = await general.send({ content: 'digest', embeds: [{ title: 'Weekly' }] });
    expect(standin.message(bare.id)?.embeds).toEqual([]);
  });

  it('deletes a channel: CHANNEL_DELETE empties the cache, REST answers 10003', async () => {
    const general = textChannel(0);
    standin.deleteChannel(general.id);
    await expect.poll(() => client.channels.cache.has(general.id)).toBe(false);
    await expect(
      client.rest.post(`/channels/${general.id}/messages`, { body: { content: 'hi' } }),
    ).rejects.toMatchObject({
      code: 10003,
      status: 404,
    });
  });

  it('adds and removes guilds at runtime', async () => {
    const added = standin.addGuild({ name: 'Late Joiners' });
    await expect.poll(() => client.guilds.cache.get(added.id)?.name).toBe('Late Joiners');
    standin.removeGuild(added.id);
    await expect.poll(() => client.guilds.cache.has(added.id)).toBe(false);
  });

  it('marks a guild unavailable during an outage and available again', async () => {
    const id = guild().id;
    standin.markGuildUnavailable(id);
    await expect.poll(() => client.guilds.cache.get(id)?.available).toBe(false);
    standin.markGuildAvailable(id);
    await expect.poll(() => client.guilds.cache.get(id)?.available).toBe(true);
  });

  it('waits for a channel message posted by the bot', async () => {
    const general = textChannel(0);
    const waiting = standin.waitForChannelMessage(general.id, (m) => m.content.startsWith('weekly'));
    await general.send('unrelated');
    await general.send('weekly digest');
    expect((await waiting).content).toBe('weekly digest');
  });
});
