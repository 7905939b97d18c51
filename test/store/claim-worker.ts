/**
 * Child process for the cross-process claim race (claim-race.ts): opens the store, prints "ready",
 * waits for a line on stdin, then claims the same hourly periods as its sibling and prints the ones
 * it won as JSON.
 */
import { once } from 'node:events';
import { openStore } from '../../src/store/open.js';

const [target, claimant, countText, order] = process.argv.slice(2);
if (!target || !claimant)
  throw new Error('usage: claim-worker <stateDir|postgres-url> <claimant> <count> <up|down>');
const store = await openStore(
  /^postgres(ql)?:\/\//.test(target) ? { DATABASE_URL: target, STATE_DIR: '' } : { STATE_DIR: target },
);
const count = Number(countText);
process.stdout.write('ready\n');
// Start together, from opposite ends, so the two processes really contend where they meet.
await once(process.stdin, 'data');
process.stdin.destroy();
const won: string[] = [];
for (let n = 0; n < count; n++) {
  const i = order === 'down' ? count - 1 - n : n;
  const periodKey = new Date(Date.UTC(2027, 0, 1) + i * 3600_000).toISOString();
  const result = await store.claimPost({
    guildId: 'g1',
    periodKey,
    channelId: 'c1',
    entryId: 'etcd',
    cycle: 1,
    claimedAt: new Date(),
    claimant,
  });
  if (result.won) won.push(periodKey);
}
await store.close();
process.stdout.write(JSON.stringify(won));
