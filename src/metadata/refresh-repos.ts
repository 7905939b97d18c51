/**
 * The repository half of a refresh round: GraphQL in batches of 100 with a token, REST (at most 4
 * in flight, conditional with the stored ETag) without; records are saved every 50 answers so a
 * stopped round keeps what it learned.
 */
import type { RepoLookup } from './github-facts.js';
import { GRAPHQL_BATCH } from './github-graphql.js';
import { BudgetExhaustedError } from './budget.js';
import { Limiter } from './limit.js';
import { nextRepoRecord } from './records.js';
import type { RefreshOptions, RefreshSummary } from './refresh-types.js';
import type { RepoRecord } from './types.js';

const SAVE_EVERY = 50;
/** Lookups failing in a row (after their own retries) that end a round early: GitHub is down. */
const GIVE_UP_AFTER = 8;

export async function refreshRepos(
  dueRepos: string[],
  spelling: Map<string, string>,
  previous: Map<string, RepoRecord>,
  options: RefreshOptions,
  summary: RefreshSummary,
): Promise<void> {
  const { store, clock, sources } = options;
  let pending: RepoRecord[] = [];
  let done = 0;
  let estimated = false;
  let failuresInARow = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    await store.saveRepoRecords(batch);
  };
  const learned = async (key: string, lookup: RepoLookup) => {
    const record = nextRepoRecord(key, previous.get(key), lookup, new Date(clock.now()));
    const count = summary.repositories;
    count.checked++;
    if (lookup.kind === 'found') count.found++;
    if (lookup.kind === 'not-modified') count.notModified++;
    if (lookup.kind === 'not-found') count.notFound++;
    if (lookup.kind === 'failed') count.failed++;
    failuresInARow = lookup.kind === 'failed' ? failuresInARow + 1 : 0;
    if (failuresInARow >= GIVE_UP_AFTER) summary.gaveUp = true;
    if (record.status === 'moved' && lookup.kind === 'found') count.moved++;
    pending.push(record);
    done++;
    if (!estimated) {
      const estimate = sources.budget.estimateMs(dueRepos.length - done);
      if (estimate !== undefined) {
        estimated = true;
        summary.estimateMs = estimate;
        options.onEstimate?.(estimate, dueRepos.length - done);
      }
    }
    options.onProgress?.({
      phase: 'repositories',
      done,
      total: dueRepos.length,
      ...(sources.budget.estimateMs(dueRepos.length - done) !== undefined
        ? { estimateMs: sources.budget.estimateMs(dueRepos.length - done) ?? 0 }
        : {}),
    });
    if (pending.length >= SAVE_EVERY) await flush();
  };

  try {
    if (sources.graphql) {
      for (let i = 0; i < dueRepos.length && !summary.gaveUp; i += GRAPHQL_BATCH) {
        const keys = dueRepos.slice(i, i + GRAPHQL_BATCH);
        const results = await sources.graphql.batch(keys.map((key) => spelling.get(key) ?? key));
        summary.graphqlQueries++;
        for (const key of keys) {
          await learned(
            key,
            results.get(spelling.get(key) ?? key) ?? { kind: 'failed', reason: 'no answer' },
          );
        }
      }
    } else if (sources.rest) {
      const rest = sources.rest;
      const limiter = new Limiter(4);
      let exhausted = false;
      await Promise.all(
        dueRepos.map((key) =>
          limiter.run(async () => {
            if (exhausted || summary.gaveUp) return;
            try {
              const lookup = await rest.repo(spelling.get(key) ?? key, previous.get(key)?.etag);
              // A 304 for a record that lost its data (should not happen) is asked again next round.
              if (lookup.kind === 'not-modified' && !previous.get(key)) return;
              await learned(key, lookup);
            } catch (error) {
              if (error instanceof BudgetExhaustedError) {
                exhausted = true;
                summary.budgetExhausted = true;
                return;
              }
              throw error;
            }
          }),
        ),
      );
    }
  } finally {
    summary.repositories.left = dueRepos.length - done;
    await flush();
  }
}
