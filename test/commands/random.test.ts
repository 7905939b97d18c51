import { beforeAll, describe, expect, it } from 'vitest';
import { random } from '../../commands/random.js';
import type { InvocationContext } from '../../commands/types.js';
import type { Catalog } from '../../src/contracts/catalog.js';
import type { MessagePayload } from '../../src/contracts/payload.js';
import { decodeCustomId } from '../../commands/lib/custom-id.js';
import {
  GUILD_CONTEXT,
  type TestServices,
  autocompleteInput,
  buttonId,
  catalogOf,
  commandInput,
  componentInput,
  craftedDocument,
  expectValidPayload,
  firstEmbed,
  servicesFor,
  shippedCatalog,
} from './helpers.js';

let shipped: Catalog;

beforeAll(async () => {
  shipped = await shippedCatalog();
});

async function run(
  services: TestServices,
  options: Record<string, string | boolean | undefined>,
  context: InvocationContext = GUILD_CONTEXT,
) {
  const payload = await random.execute(commandInput(options, context), services);
  expectValidPayload(payload);
  return payload;
}

/** The picked project's URL: names are not unique (the list has two GlusterFS). */
function picked(payload: MessagePayload): string {
  return firstEmbed(payload).url ?? '';
}

describe('/dsp random', () => {
  it('shows one project card with Another one and More like this buttons', async () => {
    const payload = await run(servicesFor(shipped), {});
    const embed = firstEmbed(payload);
    expect(embed.url).toMatch(/^https:\/\/github\.com\//);
    expect(embed.fields?.some((field) => field.name === 'Category')).toBe(true);
    expect(decodeCustomId(buttonId(payload, 'Another one'))?.prefix).toBe('random');
    expect(decodeCustomId(buttonId(payload, 'More like this'))?.prefix).toBe('project');
    expect(payload.ephemeral).toBeUndefined();
    expect((await run(servicesFor(shipped), { hide: true })).ephemeral).toBe(true);
  });

  it('does not repeat a project within the last 10 picks in a channel', async () => {
    const services = servicesFor(shipped, 7);
    const names: string[] = [];
    let payload = await run(services, {});
    names.push(picked(payload));
    for (let i = 0; i < 40; i += 1) {
      const reply = await random.component?.(componentInput(buttonId(payload, 'Another one')), services);
      if (reply === undefined) throw new Error('random answers components');
      expect(reply.kind).toBe('update');
      expectValidPayload(reply.payload);
      payload = reply.payload;
      names.push(picked(payload));
    }
    for (let i = 0; i < names.length; i += 1) {
      const window = names.slice(Math.max(0, i - 10), i);
      expect(window, `pick ${i}`).not.toContain(names[i]);
    }
  });

  it('keeps picks per channel in servers and per user in DMs', async () => {
    const services = servicesFor(shipped, 3);
    await run(services, {}, { userId: '1', guildId: '2', channelId: '3' });
    await run(services, {}, { userId: '1', channelId: '9' });
    expect([...services.recentPicks.byKey.keys()].sort()).toEqual(['channel:3', 'user:1']);
  });

  it('honours filters, and the button keeps them', async () => {
    const services = servicesFor(shipped, 11);
    const payload = await run(services, { language: 'python' });
    expect(firstEmbed(payload).fields?.find((field) => field.name === 'Language')?.value).toBe('Python');
    expect(decodeCustomId(buttonId(payload, 'Another one'))?.state).toEqual({ l: 'Python' });
    for (let i = 0; i < 5; i += 1) {
      const reply = await random.component?.(componentInput(buttonId(payload, 'Another one')), services);
      expect(reply?.kind).toBe('update');
      const language = reply && firstEmbed(reply.payload).fields?.find((field) => field.name === 'Language');
      expect(language?.value).toBe('Python');
    }
  });

  it('still answers when the filters leave fewer projects than the window', async () => {
    const services = servicesFor(shipped, 5);
    const names = new Set<string>();
    for (let i = 0; i < 6; i += 1) names.add(picked(await run(services, { category: 'Locking' })));
    expect(names.size).toBe(2);
  });

  it('rejects unknown filters with an ephemeral hint', async () => {
    const payload = await run(servicesFor(shipped), { tag: 'Paxos' });
    expect(payload.ephemeral).toBe(true);
    expect(payload.content).toContain('no tag “Paxos”');
  });

  it('says so when no project matches a combination of filters', async () => {
    const payload = await run(servicesFor(shipped), { category: 'Locking', language: 'Python' });
    expect(payload.ephemeral).toBe(true);
    expect(payload.content).toContain('No project in the list matches category Locking · language Python');
  });

  it('autocompletes its filters within Discord limits', () => {
    const services = servicesFor(catalogOf(craftedDocument()));
    for (const focused of ['category', 'language', 'tag']) {
      const choices = random.autocomplete?.(autocompleteInput(focused, ''), services) ?? [];
      expect(choices.length).toBeGreaterThan(0);
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);
    }
  });
});
