import { beforeAll, describe, expect, it } from 'vitest';
import { project } from '../../commands/project.js';
import { random } from '../../commands/random.js';
import { search } from '../../commands/search.js';
import { TARGET_WITH_HIDE, targetLine } from '../../commands/lib/target.js';
import type { Catalog } from '../../src/contracts/catalog.js';
import { commandInput, expectValidPayload, servicesFor, shippedCatalog } from './helpers.js';

const ALICE = '300000000000000001';
let shipped: Catalog;

beforeAll(async () => {
  shipped = await shippedCatalog();
});

const cases = [
  ['search', search, { query: 'raft' }],
  ['project', project, { name: 'etcd' }],
  ['random', random, {}],
] as const;

describe('target:@user on search, project and random', () => {
  for (const [name, module, options] of cases) {
    it(`/dsp ${name}: starts with a line addressed to the target and pings only them`, async () => {
      const answer = await module.execute(commandInput({ ...options, target: ALICE }), servicesFor(shipped));
      // Valid for Discord; the only ping is the target's (checked below).
      expectValidPayload({ ...answer, allowedMentions: { parse: [] } });
      expect(answer.ephemeral).toBeUndefined();
      expect(answer.content?.split('\n')[0]).toBe(targetLine(ALICE, '100'));
      expect(answer.allowedMentions).toEqual({ parse: [], users: [ALICE] });
    });

    it(`/dsp ${name}: refuses target with hide:true, ephemerally`, async () => {
      const answer = await module.execute(
        commandInput({ ...options, target: ALICE, hide: true }),
        servicesFor(shipped),
      );
      expect(answer).toMatchObject({ content: TARGET_WITH_HIDE, ephemeral: true });
      expect(answer.allowedMentions).toEqual({ parse: [] });
    });
  }

  it('leaves an ephemeral notice (no hits) unaddressed and pings nobody', async () => {
    const answer = await search.execute(
      commandInput({ query: 'zzzzqqqq', target: ALICE }),
      servicesFor(shipped),
    );
    expect(answer.ephemeral).toBe(true);
    expect(answer.content).not.toContain(ALICE);
    expect(answer.allowedMentions).toEqual({ parse: [] });
  });

  it('without target the answer pings nobody', async () => {
    const answer = await project.execute(commandInput({ name: 'etcd' }), servicesFor(shipped));
    expect(answer.allowedMentions).toEqual({ parse: [] });
    expect(answer.content ?? '').not.toContain('<@');
  });
});
