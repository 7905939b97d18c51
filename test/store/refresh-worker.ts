/**
 * Child process for the cross-process refresh test (refresh-race.ts): opens the store, prints
 * "ready", waits for a line on stdin, runs one metadata refresh round against the GitHub stand-in
 * and prints its summary as JSON.
 */
import { once } from 'node:events';
import { RateBudget } from '../../src/metadata/budget.js';
import { systemClock } from '../../src/metadata/clock.js';
import { GitHubRestClient } from '../../src/metadata/github-rest.js';
import { refreshMetadata } from '../../src/metadata/refresh.js';
import { openStore } from '../../src/store/open.js';

const [target, holder, githubUrl, countText] = process.argv.slice(2);
if (!target || !holder || !githubUrl) {
  throw new Error('usage: refresh-worker <stateDir|postgres-url> <holder> <github-url> <count>');
}
const store = await openStore(
  /^postgres(ql)?:\/\//.test(target) ? { DATABASE_URL: target, STATE_DIR: '' } : { STATE_DIR: target },
);
const entries = Array.from({ length: Number(countText) }, (_, i) => ({
  id: `p${i}`,
  name: `p${i}`,
  url: `https://github.com/org/p${i}`,
  repo: `org/p${i}`,
  description: '',
  tags: [],
  archived: false,
  kind: 'project' as const,
  category: 'C',
  line: i + 1,
}));
process.stdout.write('ready\n');
await once(process.stdin, 'data');
process.stdin.destroy();
const budget = new RateBudget({ clock: systemClock });
const rest = new GitHubRestClient({ apiUrl: githubUrl, clock: systemClock, budget, userAgent: 'dsp/test' });
const summary = await refreshMetadata(entries, {
  store,
  holder,
  clock: systemClock,
  refreshMs: 86_400_000,
  sources: { budget, rest },
});
await store.close();
process.stdout.write(JSON.stringify({ ran: summary.ran, checked: summary.repositories.checked }));
