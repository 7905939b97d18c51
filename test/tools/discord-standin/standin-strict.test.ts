import { Events, type Client } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loginClient } from '../../../tools/discord-standin/bare-bot.js';
import { startStandin, type Standin } from '../../../tools/discord-standin/index.js';

const TOKEN = 'standin-strict-token';

let standin: Standin;
let client: Client;

beforeEach(async () => {
  standin = await startStandin({ token: TOKEN, strictCommands: true });
  client = await loginClient(standin.apiUrl, TOKEN);
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand()) void interaction.reply('ok');
    if (interaction.isAutocomplete()) void interaction.respond([]);
  });
  await client.application?.commands.set([
    {
      name: 'dsp',
      description: 'Distributed systems projects',
      options: [
        {
          type: 1,
          name: 'search',
          description: 'Search',
          options: [
            {
              type: 3,
              name: 'query',
              description: 'What',
              required: true,
              autocomplete: true,
              max_length: 20,
            },
            { type: 4, name: 'limit', description: 'How many', min_value: 1, max_value: 10 },
            { type: 3, name: 'sort', description: 'Order', choices: [{ name: 'Stars', value: 'stars' }] },
          ],
        },
        {
          type: 2,
          name: 'watch',
          description: 'Watches',
          options: [{ type: 1, name: 'list', description: 'List watches' }],
        },
      ],
    },
  ]);
});

afterEach(async () => {
  await client.destroy();
  await standin.stop();
});

describe('strict commands', () => {
  it('dispatches invocations that match the registered definition', async () => {
    const search = standin.slash({
      name: 'dsp',
      subcommand: 'search',
      options: { query: 'raft', limit: 3, sort: 'stars' },
    });
    expect((await search.waitForResponse()).content).toBe('ok');
    await standin.slash({ name: 'dsp', group: 'watch', subcommand: 'list' }).waitForResponse();
    await expect(
      standin.autocomplete({ name: 'dsp', subcommand: 'search', focused: 'query', value: 'ra' }),
    ).resolves.toEqual([]);
  });

  it.each([
    [{ name: 'nope' }, /not registered/],
    [{ name: 'dsp' }, /subcommand is required/],
    [{ name: 'dsp', subcommand: 'find', options: { query: 'x' } }, /no subcommand "find"/],
    [{ name: 'dsp', subcommand: 'search', options: {} }, /required option "query"/],
    [{ name: 'dsp', subcommand: 'search', options: { query: 'x', extra: 1 } }, /no option "extra"/],
    [{ name: 'dsp', subcommand: 'search', options: { query: 'x', limit: 2.5 } }, /wrong type/],
    [{ name: 'dsp', subcommand: 'search', options: { query: 'x', limit: 11 } }, /above 10/],
    [{ name: 'dsp', subcommand: 'search', options: { query: 'x', sort: 'age' } }, /not a choice/],
    [{ name: 'dsp', subcommand: 'search', options: { query: 'x'.repeat(21) } }, /longer than 20/],
  ])('refuses %j', (spec, problem) => {
    expect(() => standin.slash(spec)).toThrow(problem);
  });

  it('refuses autocomplete on an option without autocomplete', () => {
    expect(() =>
      standin.autocompleteInteraction({
        name: 'dsp',
        subcommand: 'search',
        options: { query: 'x' },
        focused: 'sort',
        value: 's',
      }),
    ).toThrow(/does not have autocomplete/);
  });
});
