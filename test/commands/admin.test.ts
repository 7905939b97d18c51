import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
} from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminCommand, adminModules, dspExtraModules } from '../../commands/admin/index.js';
import { reload } from '../../commands/admin/reload.js';
import { featured } from '../../commands/featured.js';
import type { Catalog, ReloadResult } from '../../src/contracts/catalog.js';
import type { CommandServices } from '../../src/contracts/services.js';
import { escapeInline } from '../../commands/lib/escape.js';
import { commandDefinitionProblems } from '../../commands/lib/command-definition-check.js';
import { COMMAND_DEFINITIONS } from '../../src/discord/commands.js';
import { catalogOf, commandInput, expectValidPayload, servicesFor, shippedCatalog } from './helpers.js';

let shipped: Catalog;

beforeAll(async () => {
  shipped = await shippedCatalog();
});

describe('the /dsp-admin definition', () => {
  it('is valid, server-only, and hidden from members without Manage Server', () => {
    expect(commandDefinitionProblems(adminCommand)).toEqual([]);
    expect(adminCommand.name).toBe('dsp-admin');
    expect(adminCommand.default_member_permissions).toBe('32');
    expect(adminCommand.contexts).toEqual([InteractionContextType.Guild]);
    expect(adminCommand.integration_types).toEqual([ApplicationIntegrationType.GuildInstall]);
  });

  it('has a featured group of six subcommands and a top-level reload', () => {
    const options = adminCommand.options ?? [];
    const group = options.find((option) => option.name === 'featured');
    expect(group?.type).toBe(ApplicationCommandOptionType.SubcommandGroup);
    const names = group && 'options' in group ? (group.options ?? []).map((option) => option.name) : [];
    expect(names).toEqual(['set', 'status', 'off', 'resume', 'preview', 'history']);
    expect(options.find((option) => option.name === 'reload')?.type).toBe(
      ApplicationCommandOptionType.Subcommand,
    );
  });

  it('routes match the definition, and every module says who may run it', () => {
    const routes = adminModules.flatMap(({ group, modules }) =>
      modules.map((module) => [group, module.definition.name].filter(Boolean).join(' ')),
    );
    expect(routes).toEqual([
      'featured set',
      'featured status',
      'featured off',
      'featured resume',
      'featured preview',
      'featured history',
      'updates set',
      'updates status',
      'updates preview',
      'updates off',
      'reload',
      'health',
    ]);
    for (const { group, modules } of adminModules) {
      for (const module of modules) {
        expect(module.guildOnly).toBe(true);
        const name = module.definition.name;
        expect(module.access).toBe(group !== undefined || name === 'health' ? 'manage-guild' : 'owner');
      }
    }
  });

  it('offers only text, announcement and forum channels, and timezone autocomplete', () => {
    const set = adminModules[0]?.modules.find((module) => module.definition.name === 'set');
    const [channel, schedule, timezone] = set?.definition.options ?? [];
    expect(channel).toMatchObject({ name: 'channel', required: true });
    expect(channel && 'channel_types' in channel ? channel.channel_types : []).toEqual([
      ChannelType.GuildText,
      ChannelType.GuildAnnouncement,
      ChannelType.GuildForum,
    ]);
    expect(schedule?.name).toBe('schedule');
    expect(timezone).toMatchObject({ name: 'timezone', autocomplete: true });
  });

  it('adds /dsp featured to /dsp, which stays valid with it', () => {
    expect(dspExtraModules).toEqual([featured]);
    const withFeatured = COMMAND_DEFINITIONS.find((definition) => definition.name === 'dsp');
    if (withFeatured === undefined || !('description' in withFeatured))
      throw new Error('no /dsp slash command');
    expect(withFeatured.options).toContainEqual(featured.definition);
    expect(commandDefinitionProblems(withFeatured)).toEqual([]);
  });
});

function servicesReloading(view: ReloadResult, calls: boolean[]): CommandServices {
  return {
    ...servicesFor(shipped),
    reloadList(force) {
      calls.push(force);
      return Promise.resolve(view);
    },
  };
}

describe('/dsp-admin reload', () => {
  it('reports old → new counts, added names and the outcome, only to the owner', async () => {
    const etcd = shipped.index.resolve('etcd');
    const calls: boolean[] = [];
    const view: ReloadResult = {
      outcome: 'updated',
      before: { entries: 120, categories: 20 },
      after: { entries: 123, categories: 21 },
      added: [etcd?.id ?? 'etcd', 'brand-new-one'],
      removed: ['old_**one**'],
      message: '123 entries in 21 categories (2 added, 1 removed)',
    };
    const payload = await reload.execute(commandInput({}), servicesReloading(view, calls));
    expectValidPayload(payload);
    expect(payload.ephemeral).toBe(true);
    expect(calls).toEqual([false]);
    const text = payload.content ?? '';
    expect(text).toContain('List reloaded');
    expect(text).toContain('Entries 120 → 123, categories 20 → 21');
    expect(text).toContain('Added (2): etcd, brand-new-one');
    expect(text).toContain('Removed (1): old\\_\\*\\*one\\*\\*');
    expect(text).toContain('123 entries in 21 categories (2 added, 1 removed)');
  });

  it('names the projects a forced reload removed, as the list served before called them', async () => {
    const kept = shipped.doc.entries.slice(0, 5);
    const gone = shipped.doc.entries.slice(5, 8);
    const services = servicesFor(shipped);
    services.reloadList = () => {
      services.swap(catalogOf({ ...shipped.doc, entries: kept }));
      return Promise.resolve({
        outcome: 'updated',
        before: { entries: shipped.doc.entries.length, categories: 11 },
        after: { entries: kept.length, categories: 11 },
        added: [],
        removed: gone.map((entry) => entry.id),
        message: `${kept.length} entries`,
      });
    };
    const payload = await reload.execute(commandInput({ force: true }), services);
    const names = gone.map((entry) => escapeInline(entry.name)).join(', ');
    expect(payload.content).toContain(`Removed (3): ${names}`);
  });

  it('passes force on, and says how to force a refused reload', async () => {
    const calls: boolean[] = [];
    const view: ReloadResult = {
      outcome: 'refused',
      before: { entries: 120, categories: 20 },
      after: { entries: 10, categories: 2 },
      added: [],
      removed: Array.from({ length: 110 }, (_, i) => `gone-${i}`),
      message:
        'the new list would remove 110 of 120 entries (more than half); reload with force to accept it',
    };
    const services = servicesReloading(view, calls);
    const refused = await reload.execute(commandInput({}), services);
    expectValidPayload(refused);
    expect(refused.content).toContain('Reload refused');
    expect(refused.content).toContain('Removed (110): gone-0');
    expect(refused.content).toContain('(+100 more)');
    expect(refused.content).toContain('`/dsp-admin reload force:true`');
    await reload.execute(commandInput({ force: true }), services);
    expect(calls).toEqual([false, true]);
  });

  it('reports a failed or unchanged reload with the current counts', async () => {
    const failed = await reload.execute(
      commandInput({}),
      servicesReloading(
        {
          outcome: 'failed',
          before: { entries: 120, categories: 20 },
          added: [],
          removed: [],
          message: 'fetch https://example.com/list.md: 503',
        },
        [],
      ),
    );
    expect(failed.content).toContain('Reload failed');
    expect(failed.content).toContain('120 entries in 20 categories');
    expect(failed.content).toContain('503');
    const unchanged = await reload.execute(
      commandInput({}),
      servicesReloading(
        {
          outcome: 'unchanged',
          before: { entries: 120, categories: 20 },
          after: { entries: 120, categories: 20 },
          added: [],
          removed: [],
          message: 'same content',
        },
        [],
      ),
    );
    expect(unchanged.content).toContain('List unchanged');
    expect(unchanged.content).toContain('120 entries in 20 categories');
    expect(unchanged.content).not.toContain('Added');
  });

  it('says so when this dsp cannot reload', async () => {
    const payload = await reload.execute(commandInput({}), servicesFor(shipped));
    expect(payload.content).toContain('not available');
    expect(payload.ephemeral).toBe(true);
  });
});
