/** Child process for the multi-process claim test: claims the same periods as its sibling. */
import { openStore } from '../../src/store/open.js';

const [target, claimant, countText, startAtText, order] = process.argv.slice(2);
if (!target || !claimant)
  throw new Error('usage: claim-worker <stateDir|postgres-url> <claimant> <count> <startAtMs> <up|down>');
const store = await openStore(
  /^postgres(ql)?:\/\//.test(target) ? { DATABASE_URL: target, STATE_DIR: '' } : { STATE_DIR: target },
);
const count = Number(countText);
// Start together, from opposite ends, so the two processes really contend where they meet.
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAtText) - Date.now())));
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
