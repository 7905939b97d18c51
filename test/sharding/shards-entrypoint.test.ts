/** deploy/kubernetes/shard-entrypoint.sh: the StatefulSet pod ordinal → SHARD_IDS. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseShardIds } from '../../src/config/parse.js';

const SCRIPT = fileURLToPath(new URL('../../deploy/kubernetes/shard-entrypoint.sh', import.meta.url));

function run(env: Record<string, string>): { status: number | null; shardIds: string; stderr: string } {
  const result = spawnSync('sh', [SCRIPT, 'sh', '-c', 'printf %s "$SHARD_IDS"'], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    encoding: 'utf8',
  });
  return { status: result.status, shardIds: result.stdout, stderr: result.stderr };
}

describe('shard-entrypoint.sh', () => {
  it('gives each pod of the StatefulSet its half of four shards', () => {
    expect(run({ HOSTNAME: 'dsp-0', SHARD_COUNT: '4', DSP_REPLICAS: '2' }).shardIds).toBe('0-1');
    expect(run({ HOSTNAME: 'dsp-1', SHARD_COUNT: '4', DSP_REPLICAS: '2' }).shardIds).toBe('2-3');
    expect(run({ POD_NAME: 'my-bot-dsp-1', SHARD_COUNT: '4', DSP_REPLICAS: '2' }).shardIds).toBe('2-3');
  });

  it('covers every shard exactly once, in order, however the count divides', () => {
    for (const [count, replicas] of [
      [10, 3],
      [16, 5],
      [7, 7],
      [1, 1],
    ] as const) {
      const all = Array.from({ length: replicas }, (_, ordinal) =>
        parseShardIds(
          run({ HOSTNAME: `dsp-${ordinal}`, SHARD_COUNT: String(count), DSP_REPLICAS: String(replicas) })
            .shardIds,
        ),
      ).flatMap((ids) => ids ?? []);
      expect(all).toEqual(Array.from({ length: count }, (_, id) => id));
    }
  });

  it('refuses a pod beyond DSP_REPLICAS instead of running shards another pod runs', () => {
    const result = run({ HOSTNAME: 'dsp-2', SHARD_COUNT: '4', DSP_REPLICAS: '2' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/not below DSP_REPLICAS=2/);
  });

  it('refuses a host name without an ordinal', () => {
    const result = run({ HOSTNAME: 'laptop', SHARD_COUNT: '4', DSP_REPLICAS: '2' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/pod ordinal/);
  });
});
