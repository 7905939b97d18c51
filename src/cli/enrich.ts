/** `dsp enrich`: look everything up now, into the store the bot reads, and print what was done. */
import { hostname } from 'node:os';
import type { Command } from 'commander';
import { refreshMetadata } from '../metadata/refresh.js';
import type { RefreshProgress, RefreshSummary } from '../metadata/refresh.js';
import { createSources } from '../metadata/service.js';
import { systemClock } from '../metadata/clock.js';
import { readVersion } from '../version.js';
import { toJson } from './format.js';
import { CliError, loadList } from './load.js';
import { formatDuration } from './metadata-format.js';
import { configOrThrow, withStore } from './metadata-store.js';
import type { MetadataIo } from './metadata-store.js';

function summaryText(summary: RefreshSummary, tokenSet: boolean): string {
  const r = summary.repositories;
  const l = summary.links;
  const lines = [
    `Repositories: ${r.checked} checked via ${summary.api === 'graphql' ? 'GraphQL' : 'REST'} (${r.found} read, ${r.notModified} unchanged, ${r.notFound} not found, ${r.moved} moved, ${r.failed} failed${r.left > 0 ? `, ${r.left} left for next time` : ''})`,
    `Links: ${l.checked} checked (${l.ok} ok, ${l.moved} moved, ${l.gone} 404/410, ${l.unknown} no answer, ${l.skipped} skipped)`,
    `Requests: ${summary.requests} to GitHub, ${summary.notModified} answered 304 Not Modified${summary.api === 'graphql' ? `, ${summary.graphqlQueries} GraphQL queries` : ''}`,
    `Rate-limit waits: ${summary.rateLimitWaits}`,
    `Took: ${formatDuration(summary.finishedAt.getTime() - summary.startedAt.getTime())}`,
  ];
  if (summary.budgetExhausted) {
    lines.push('The GitHub budget ran out: run dsp enrich again after the reset for the rest.');
  }
  if (!tokenSet && r.due > 60) lines.push('Tip: with GITHUB_TOKEN set this takes a few GraphQL queries.');
  return lines.join('\n');
}

function waitText({ untilMs, reason }: { untilMs: number; reason: 'reset' | 'secondary' }): string {
  return reason === 'reset'
    ? `GitHub budget used up: waiting for its reset at ${new Date(untilMs).toISOString().slice(11, 19)} UTC`
    : `GitHub asked to slow down: waiting ${formatDuration(untilMs - Date.now())}`;
}

function estimateText(ms: number, pending: number, limit: number | undefined, tokenSet: boolean): string {
  return (
    `${pending} repositories left at GitHub's ${tokenSet ? '' : 'anonymous '}budget ` +
    `(${limit ?? '?'} an hour): about ${formatDuration(ms)}` +
    (tokenSet ? '' : '; set GITHUB_TOKEN to do it in a few queries')
  );
}

function progressText(progress: RefreshProgress): string {
  return (
    `${progress.phase}: ${progress.done}/${progress.total}` +
    (progress.estimateMs ? ` (about ${formatDuration(progress.estimateMs)} left)` : '')
  );
}

/** Adds `enrich` to the program; `print` writes one block of output. */
export function addEnrichCommand(
  add: (name: string) => Command,
  io: MetadataIo,
  print: (text: string) => void,
): void {
  add('enrich')
    .description('look up GitHub metadata and check links now, into the store the bot reads')
    .option('--json', 'print the summary as JSON')
    .option('--no-wait', 'stop when the GitHub budget runs out instead of waiting for its reset')
    .action(async (options: { list?: string; json?: boolean; wait: boolean }) => {
      const config = configOrThrow(io);
      const { doc } = await loadList(options.list ?? config.LIST_SOURCE, { maxBytes: config.LIST_MAX_BYTES });
      const tell = (text: string) => io.err(`${text}\n`);
      const summary = await withStore(config, (store) => {
        // The budget the bot (or the last run) left is read from the store before any request.
        const sources = createSources(config, {
          store,
          clock: systemClock,
          version: readVersion(),
          waitForReset: options.wait,
          onWait: (wait) => tell(waitText(wait)),
        });
        return refreshMetadata(doc.entries, {
          store,
          sources,
          clock: systemClock,
          refreshMs: config.ENRICH_REFRESH,
          force: true,
          holder: `cli:${hostname()}:${process.pid}`,
          onEstimate: (ms, pending) => {
            if (ms > 0) {
              tell(estimateText(ms, pending, sources.budget.state.limit, Boolean(config.GITHUB_TOKEN)));
            }
          },
          ...(io.progress ? { onProgress: (progress) => io.progress?.(progressText(progress)) } : {}),
        });
      });
      io.progress?.('');
      if (!summary.ran)
        throw new CliError('another dsp process is refreshing the metadata now; try again later');
      print(options.json ? toJson(summary) : summaryText(summary, Boolean(config.GITHUB_TOKEN)));
    });
}
