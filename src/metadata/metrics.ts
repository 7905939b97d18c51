/** Metadata metrics, on the bot's own registry: requests, budget, link checks, last refresh, health. */
import { Counter, Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import type { RefreshSummary } from './refresh.js';
import type { MetadataView } from './view.js';

export interface MetadataMetrics {
  countRequest(api: 'rest' | 'graphql', status: number | 'network'): void;
  setRemaining(api: 'rest' | 'graphql', remaining: number): void;
  recordRound(summary: RefreshSummary, complete: boolean): void;
  setHealth(view: MetadataView): void;
}

export function createMetadataMetrics(registry: Registry): MetadataMetrics {
  const registers = [registry];
  const requests = new Counter({
    name: 'dsp_github_requests_total',
    help: 'Requests to the GitHub API, by API (rest, graphql) and status (or network).',
    labelNames: ['api', 'status'] as const,
    registers,
  });
  const remaining = new Gauge({
    name: 'dsp_github_rate_limit_remaining',
    help: 'Requests left in the current GitHub rate-limit window, as the rate budget counts them: GitHub’s last answer, or after a restart the saved count (less what may have gone unsaved) until GitHub answers.',
    labelNames: ['api'] as const,
    registers,
  });
  const links = new Counter({
    name: 'dsp_link_checks_total',
    help: 'Link checks, by result (ok, moved, gone, unknown, skipped).',
    labelNames: ['result'] as const,
    registers,
  });
  const lastRefresh = new Gauge({
    name: 'dsp_metadata_last_refresh_timestamp_seconds',
    help: 'When the last complete metadata refresh round finished (Unix time).',
    registers,
  });
  const health = new Gauge({
    name: 'dsp_entries_by_health',
    help: 'Entries of the served list per health class.',
    labelNames: ['class'] as const,
    registers,
  });
  return {
    countRequest: (api, status) => requests.inc({ api, status: String(status) }),
    setRemaining: (api, value) => remaining.set({ api }, value),
    recordRound(summary, complete) {
      for (const result of ['ok', 'moved', 'gone', 'unknown', 'skipped'] as const) {
        if (summary.links[result] > 0) links.inc({ result }, summary.links[result]);
      }
      if (complete) lastRefresh.set(summary.finishedAt.getTime() / 1000);
    },
    setHealth(view) {
      for (const [name, count] of Object.entries(view.counts)) health.set({ class: name }, count);
      if (view.lastRefresh) lastRefresh.set(view.lastRefresh.getTime() / 1000);
    },
  };
}
