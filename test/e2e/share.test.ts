/**
 * Sharing finds end to end (the real bot and discord.js client against the stand-in):
 * `target:@user` pings exactly that user.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

const ALICE = '400000000000000001';
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ standin: { strictCommands: true } });
});
afterAll(async () => {
  await harness?.stop();
});

describe('target:@user', () => {
  for (const [subcommand, options] of [
    ['project', { name: 'etcd' }],
    ['search', { query: 'raft' }],
    ['random', {}],
  ] as const) {
    it(`/dsp ${subcommand} target:@alice addresses and pings alice, and no one else`, async () => {
      const result = harness.standin.slash({
        name: 'dsp',
        subcommand,
        options: { ...options, target: ALICE },
      });
      const response = await result.waitForResponse();
      expect(result.ephemeral).toBe(false);
      expect(response.content.split('\n')[0]).toBe(
        `<@${ALICE}>, <@${harness.standin.defaultUserId}> shared this with you:`,
      );
      expect(harness.standin.pings(response.id)).toEqual({ users: [ALICE], roles: [], everyone: false });
    });
  }

  it('refuses target with hide:true, for the invoker only, pinging nobody', async () => {
    const result = harness.standin.slash({
      name: 'dsp',
      subcommand: 'project',
      options: { name: 'etcd', target: ALICE, hide: true },
    });
    const response = await result.waitForResponse();
    expect(result.ephemeral).toBe(true);
    expect(response.content).toMatch(/either `target` or `hide:true`/);
    expect(harness.standin.pings(response.id)).toEqual({ users: [], roles: [], everyone: false });
  });

  it('without target, a public answer pings nobody', async () => {
    const result = harness.standin.slash({ name: 'dsp', subcommand: 'project', options: { name: 'etcd' } });
    const response = await result.waitForResponse();
    expect(harness.standin.pings(response.id)).toEqual({ users: [], roles: [], everyone: false });
  });
});
