import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
} from 'discord-api-types/v10';
import type {
  APIApplicationCommandOption,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import { dspExtraModules } from '../../commands/admin/index.js';
import { featured as featuredModule } from '../../commands/featured.js';
import { buildDspCommand, subcommands } from '../../commands/index.js';
import type { OptionValue, SubcommandModule } from '../../commands/types.js';
import type { Catalog } from '../../src/contracts/catalog.js';
import type { FeaturedServices } from '../../src/contracts/featured.js';
import { decodeCustomId } from '../../commands/lib/custom-id.js';
import { commandDefinitionProblems } from '../../commands/lib/command-definition-check.js';
import { EXPIRED_MESSAGE } from '../../commands/lib/render.js';
import { COMMAND_DEFINITIONS, commandRegistry } from '../../src/discord/commands.js';
import { componentModule } from '../../src/discord/routes.js';
import { featuredFixture, recordSentPost } from './featured-fixture.js';
import {
  GUILD_CONTEXT,
  autocompleteInput,
  catalogOf,
  commandInput,
  componentInput,
  craftedDocument,
  customIds,
  expectValidPayload,
  servicesFor,
  shippedCatalog,
} from './helpers.js';

let shipped: Catalog;

/** `/dsp` as dsp registers it with Discord, and the router that answers it. */
const dspCommand = registered('dsp');
const registry = commandRegistry();

/** A registered slash command (not a context-menu one) by name. */
function registered(name: string): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const definition = COMMAND_DEFINITIONS.find((candidate) => candidate.name === name);
  if (definition === undefined || !('description' in definition)) {
    throw new Error(`dsp registers no slash command /${name}`);
  }
  return definition;
}

/** Every module the bot answers under `/dsp`, as the router registers them: `/dsp featured` too. */
const DSP_MODULES = [...registry.byRoute]
  .filter(([route]) => route.startsWith('dsp '))
  .map(([, module]) => module);

/**
 * Runs `use` with featured services whose server has one sent post, of the catalog's first entry,
 * so `/dsp featured` answers with that project's card.
 */
async function withFeaturedPost(
  catalog: Catalog,
  use: (featured: FeaturedServices) => Promise<void>,
): Promise<void> {
  const fixture = featuredFixture(catalog);
  try {
    const first = catalog.doc.entries[0];
    if (first === undefined) throw new Error('the catalog has entries');
    await recordSentPost(fixture.store, {
      periodKey: '2026-11-23T14:00:00.000Z',
      entryId: first.id,
      messageId: '777',
      sentAt: new Date('2026-11-23T14:00:02Z'),
    });
    await use(fixture.services.featured);
  } finally {
    await fixture.close();
  }
}

beforeAll(async () => {
  shipped = await shippedCatalog();
});

/** A plausible value for every option of every subcommand, so each module runs. */
const SAMPLE_OPTIONS: Record<string, Record<string, OptionValue>> = {
  search: { query: 'raft', category: 'Databases', language: 'Go', tag: 'Raft' },
  random: { language: 'Go' },
  project: { name: 'etcd' },
  category: { name: 'Queues' },
  categories: {},
  about: {},
  featured: {},
};

describe('the /dsp command definition', () => {
  it('satisfies Discord’s rules for names, descriptions, option counts and order', () => {
    expect(commandDefinitionProblems(dspCommand)).toEqual([]);
    expect(dspCommand.name).toBe('dsp');
    expect(dspCommand.options?.map((option) => option.name)).toEqual([
      'search',
      'random',
      'project',
      'category',
      'categories',
      'about',
      'featured',
    ]);
  });

  it('takes extra subcommands from other folders', () => {
    const extra: SubcommandModule = {
      definition: {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'extra',
        description: 'An extra one',
      },
      execute: () => ({ content: 'extra', allowedMentions: { parse: [] } }),
    };
    const command = buildDspCommand([...subcommands, extra]);
    expect(command.options?.map((option) => option.name)).toEqual([
      ...subcommands.map((m) => m.definition.name),
      'extra',
    ]);
    expect(commandDefinitionProblems(command)).toEqual([]);
    expect(buildDspCommand(subcommands).options).toHaveLength(subcommands.length);
    expect(dspCommand.options).toHaveLength(subcommands.length + dspExtraModules.length);
  });

  it('the validator catches what Discord rejects', () => {
    const bad = {
      ...dspCommand,
      name: 'DSP',
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand as const,
          name: 'bad name',
          description: 'x'.repeat(101),
          options: [
            { type: ApplicationCommandOptionType.String as const, name: 'a', description: 'optional' },
            {
              type: ApplicationCommandOptionType.String as const,
              name: 'b',
              description: 'required',
              required: true,
            },
          ],
        },
      ],
    };
    const problems = commandDefinitionProblems(bad).join('\n');
    expect(problems).toContain('"DSP" is not lowercase');
    expect(problems).toContain('"bad name" does not match');
    expect(problems).toContain('description must be 1-100 characters, is 101');
    expect(problems).toContain('required option after an optional one');
  });

  it('the validator catches free text without a max_length of at most 100', () => {
    const option = (name: string, max?: number) => ({
      type: ApplicationCommandOptionType.String as const,
      name,
      description: 'free text',
      ...(max === undefined ? {} : { max_length: max }),
    });
    const command = {
      ...dspCommand,
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand as const,
          name: 'free',
          description: 'Free text',
          options: [option('open'), option('long', 6000), option('capped', 100)],
        },
      ],
    };
    expect(commandDefinitionProblems(command)).toEqual([
      'dsp free open: string option without max_length',
      'dsp free long: max_length 6000 is more than 100',
    ]);
  });

  it('caps every string option of every registered command at 100 characters', () => {
    for (const command of COMMAND_DEFINITIONS) {
      // Context-menu commands ("Find projects") have no options or description to check.
      if (!('description' in command)) continue;
      expect(commandDefinitionProblems(command)).toEqual([]);
    }
  });

  it('is installable by servers and users, and usable in servers, DMs and group DMs', () => {
    expect(dspCommand.integration_types).toEqual([
      ApplicationIntegrationType.GuildInstall,
      ApplicationIntegrationType.UserInstall,
    ]);
    expect(dspCommand.contexts).toEqual([
      InteractionContextType.Guild,
      InteractionContextType.BotDM,
      InteractionContextType.PrivateChannel,
    ]);
  });

  it('offers hide on every subcommand and autocompletes exactly the options modules answer', () => {
    for (const module of DSP_MODULES) {
      const options: APIApplicationCommandOption[] = module.definition.options ?? [];
      expect(options.map((option) => option.name)).toContain('hide');
      const autocompleted = options.filter(
        (option) => 'autocomplete' in option && option.autocomplete === true,
      );
      expect(autocompleted.length > 0).toBe(module.autocomplete !== undefined);
      for (const option of Object.keys(SAMPLE_OPTIONS[module.definition.name] ?? {})) {
        expect(options.map((candidate) => candidate.name)).toContain(option);
      }
    }
  });

  it('routes subcommands by name and components by custom-id prefix, /dsp featured included', async () => {
    for (const module of subcommands) {
      expect(registry.byRoute.get(`dsp ${module.definition.name}`)?.definition).toBe(module.definition);
    }
    expect(registry.byRoute.get('dsp featured')?.definition).toBe(featuredModule.definition);
    expect(registry.byRoute.get('dsp nope')).toBeUndefined();
    expect(registry.byComponentPrefix.get('search')?.definition.name).toBe('search');
    expect(registry.byComponentPrefix.get('categories')?.definition.name).toBe('categories');
    expect(registry.byComponentPrefix.get('nope')).toBeUndefined();
    expect(componentModule(registry, 'project:1|s=etcd-io-etcd')?.definition.name).toBe('project');
    expect(componentModule(registry, 'whatever')).toBeUndefined();
    // An id of another version reaches its module, which answers it as expired.
    const oldId = 'project:0|s=etcd-io-etcd';
    expect(decodeCustomId(oldId)).toBeUndefined();
    const old = await componentModule(registry, oldId)?.component?.(
      componentInput(oldId),
      servicesFor(shipped),
    );
    expect(old?.payload.content).toBe(EXPIRED_MESSAGE);
  });
});

describe('every module', () => {
  it('is every /dsp subcommand the bot registers, /dsp featured included', () => {
    const dsp = COMMAND_DEFINITIONS.find((definition) => definition.name === 'dsp');
    expect(DSP_MODULES.map((module) => module.definition.name)).toEqual(
      dsp && 'options' in dsp ? dsp.options?.map((option) => option.name) : undefined,
    );
    expect(DSP_MODULES.map((module) => module.definition.name)).toContain('featured');
    for (const module of DSP_MODULES) expect(SAMPLE_OPTIONS).toHaveProperty(module.definition.name);
  });

  it('sends no pings and stays within Discord limits, public or hidden, on both lists', async () => {
    const catalogs = [shipped, catalogOf(craftedDocument())];
    for (const catalog of catalogs) {
      await withFeaturedPost(catalog, async (featured) => {
        for (const module of DSP_MODULES) {
          for (const hide of [false, true]) {
            const options = { ...SAMPLE_OPTIONS[module.definition.name], hide };
            const payload = await module.execute(commandInput(options), {
              ...servicesFor(catalog),
              featured,
            });
            expectValidPayload(payload);
            // /dsp featured answers with the card of the recorded post, not "no featured project yet".
            if (module.definition.name === 'featured') expect(payload.content).toContain('/777');
            if (payload.embeds !== undefined) expect(payload.ephemeral === true).toBe(hide);
            for (const customId of customIds(payload)) {
              expect(decodeCustomId(customId)).toBeDefined();
              expect(componentModule(registry, customId)).toBeDefined();
            }
          }
        }
      });
    }
  });

  it('answers every button and menu it sends, with no pings', async () => {
    await withFeaturedPost(shipped, async (featured) => {
      const services = { ...servicesFor(shipped), featured };
      for (const module of DSP_MODULES) {
        const payload = await module.execute(
          commandInput(SAMPLE_OPTIONS[module.definition.name] ?? {}),
          services,
        );
        for (const customId of customIds(payload)) {
          const owner = componentModule(registry, customId);
          const reply = await owner?.component?.(
            { ...GUILD_CONTEXT, customId, values: ['Queues'] },
            services,
          );
          expect(reply, customId).toBeDefined();
          if (reply !== undefined) expectValidPayload(reply.payload);
        }
      }
    });
  });

  it('autocompletes every autocomplete option within limits, whatever is typed', () => {
    const services = servicesFor(catalogOf(craftedDocument()));
    for (const module of DSP_MODULES) {
      for (const option of module.definition.options ?? []) {
        if (!('autocomplete' in option) || option.autocomplete !== true) continue;
        for (const typed of ['', 'a', 'Big', '@everyone', 'x'.repeat(300)]) {
          const choices = module.autocomplete?.(autocompleteInput(option.name, typed), services) ?? [];
          expect(choices.length).toBeLessThanOrEqual(25);
          for (const choice of choices) {
            expect(choice.name.length).toBeGreaterThan(0);
            expect(choice.name.length).toBeLessThanOrEqual(100);
            expect(choice.value.length).toBeGreaterThan(0);
            expect(choice.value.length).toBeLessThanOrEqual(100);
          }
        }
      }
    }
  });
});
