/** The link half of a refresh round: every due non-GitHub link checked (the checker paces them). */
import type { LinkChecker } from './link-check.js';
import { nextLinkRecord } from './records.js';
import type { RefreshOptions, RefreshSummary } from './refresh-types.js';
import type { LinkRecord } from './types.js';

export async function refreshLinks(
  urls: string[],
  previous: Map<string, LinkRecord>,
  checker: LinkChecker,
  options: RefreshOptions,
  summary: RefreshSummary,
): Promise<void> {
  const { store, clock } = options;
  const records: LinkRecord[] = [];
  let done = 0;
  try {
    await Promise.all(
      urls.map(async (url) => {
        const check = await checker.check(url);
        records.push(nextLinkRecord(url, previous.get(url), check, new Date(clock.now())));
        summary.links.checked++;
        summary.links[check.kind]++;
        done++;
        options.onProgress?.({ phase: 'links', done, total: urls.length });
      }),
    );
  } finally {
    if (records.length > 0) await store.saveLinkRecords(records);
  }
}
