/**
 * The bot's background metadata refresh: at start (when the stored data is older than
 * ENRICH_REFRESH), then every ENRICH_REFRESH, sooner after a round that could not reach GitHub. It
 * reads what was learned last time at once, and after each round builds a new MetadataView to the
 * side and swaps it in whole: answers read `view()` and never wait for a round.
 */
import type { Entry } from '../list/types.js';
import type { LogSink } from '../log/logger.js';
import type { MetadataStore } from '../store/types.js';
import { describeError } from '../text/describe-error.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import type { MetadataMetrics } from './metrics.js';
import { refreshMetadata } from './refresh.js';
import type { RefreshSources, RefreshSummary } from './refresh.js';
import { createSources } from './service.js';
import type { MetadataSettings } from './service.js';
import { EMPTY_VIEW, loadMetadataView } from './view.js';
import type { MetadataView } from './view.js';

export interface RefresherOptions {
  store: MetadataStore;
  /** The entries of the list served now. */
  entries: () => readonly Entry[];
  settings: MetadataSettings & { ENRICH_REFRESH: number; HEALTH_INACTIVE_AFTER: number };
  logger: Pick<LogSink, 'debug' | 'info' | 'warn'>;
  /** This process, for the refresh lease. */
  holder: string;
  version: string;
  now?: () => Date;
  /** For rate-limit waits and retry backoff (tests pass one that does not sleep). */
  clock?: Clock;
  metrics?: MetadataMetrics;
}

/** After a round that could not reach GitHub, the next comes this much sooner. */
const RETRY_AFTER_FAILURE_MS = 15 * 60_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

export class MetadataRefresher {
  readonly #options: RefresherOptions;
  readonly #abort = new AbortController();
  readonly #sources: RefreshSources;
  readonly #listeners = new Set<(event: { view: MetadataView; summary?: RefreshSummary }) => void>();
  #view: MetadataView = EMPTY_VIEW;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<RefreshSummary | undefined> | undefined;
  #stopped = false;

  constructor(options: RefresherOptions) {
    this.#options = options;
    const { metrics } = options;
    this.#sources = createSources(options.settings, {
      store: options.store,
      clock: options.clock ?? systemClock,
      version: options.version,
      signal: this.#abort.signal,
      onWait: ({ untilMs, reason }) =>
        options.logger.info(
          { until: new Date(untilMs).toISOString(), reason },
          reason === 'reset'
            ? 'GitHub rate limit used up: waiting for its reset'
            : 'GitHub secondary rate limit: waiting',
        ),
      onResponse: (api, status) => {
        metrics?.countRequest(api, status);
        const remaining = this.#sources?.budget.state.remaining;
        if (remaining !== undefined) metrics?.setRemaining(api, remaining);
      },
    });
  }

  /** What answers show now. */
  view(): MetadataView {
    return this.#view;
  }

  /** Told after each new view (a round finished, the list changed). */
  onChange(listener: (event: { view: MetadataView; summary?: RefreshSummary }) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Reads what was learned before, then refreshes now or when it is due. Returns at once. */
  start(): void {
    void this.#begin();
  }

  async #begin(): Promise<void> {
    await this.#showSavedBudget();
    await this.reloadView();
    if (this.#stopped) return;
    const refreshMs = this.#options.settings.ENRICH_REFRESH;
    const last = await this.#options.store.lastRefresh().catch(() => undefined);
    const age = last ? this.#now().getTime() - last.completedAt.getTime() : Infinity;
    if (age >= refreshMs) void this.runRound();
    else this.#schedule(refreshMs - age);
  }

  /** The rate budget a previous process saved, on /metrics before this one makes a request. */
  async #showSavedBudget(): Promise<void> {
    const { remaining } = await this.#sources.budget.load();
    const api = this.#options.settings.GITHUB_TOKEN ? 'graphql' : 'rest';
    if (remaining !== undefined) this.#options.metrics?.setRemaining(api, remaining);
  }

  /** One round now (at most one at a time in this process; the lease covers other processes). */
  runRound(options: { force?: boolean } = {}): Promise<RefreshSummary | undefined> {
    this.#running ??= this.#round(options.force ?? false).finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** The list changed: show it at once (new entries without metadata), look new ones up now. */
  async catalogChanged(): Promise<void> {
    await this.reloadView();
    if (!this.#running && !this.#stopped) void this.runRound();
  }

  async reloadView(summary?: RefreshSummary): Promise<void> {
    try {
      const view = await loadMetadataView(
        this.#options.store,
        this.#options.entries(),
        this.#now(),
        this.#options.settings.HEALTH_INACTIVE_AFTER,
      );
      this.#view = view;
      this.#options.metrics?.setHealth(view);
      for (const listener of this.#listeners) listener({ view, ...(summary ? { summary } : {}) });
    } catch (error) {
      this.#options.logger.warn(
        { error: describeError(error) },
        'could not read project metadata; answers keep the last',
      );
    }
  }

  async #round(force: boolean): Promise<RefreshSummary | undefined> {
    clearTimeout(this.#timer);
    const { logger, settings } = this.#options;
    let summary: RefreshSummary | undefined;
    try {
      const entries = this.#options.entries();
      logger.debug(
        { entries: entries.length, api: settings.GITHUB_TOKEN ? 'graphql' : 'rest' },
        'metadata refresh starting',
      );
      summary = await refreshMetadata(entries, {
        store: this.#options.store,
        sources: this.#sources,
        clock: this.#options.clock ?? systemClock,
        refreshMs: settings.ENRICH_REFRESH,
        force,
        holder: this.#options.holder,
        signal: this.#abort.signal,
        onEstimate: (ms, pending) => {
          if (ms > 0) {
            logger.info(
              {
                repositories: pending,
                estimateMinutes: Math.ceil(ms / 60_000),
                budgetPerHour: this.#sources.budget.state.limit,
                token: Boolean(settings.GITHUB_TOKEN),
              },
              settings.GITHUB_TOKEN
                ? 'GitHub metadata will take a while at this rate limit'
                : 'GitHub metadata fills in over the anonymous rate limit; set GITHUB_TOKEN to do it in minutes',
            );
          }
        },
      });
      if (!summary.ran) logger.debug({}, 'another process is refreshing the metadata');
      else {
        const complete = summary.repositories.left === 0 && summary.repositories.failed === 0;
        this.#options.metrics?.recordRound(summary, complete);
        logger.info(
          {
            repositories: summary.repositories,
            links: summary.links,
            requests: summary.requests,
            notModified: summary.notModified,
            rateLimitWaits: summary.rateLimitWaits,
          },
          'metadata refresh finished',
        );
      }
    } catch (error) {
      if (!this.#stopped)
        logger.warn({ error: describeError(error) }, 'metadata refresh failed; answers keep the last data');
    }
    if (this.#stopped) return summary;
    await this.reloadView(summary);
    const failed = !summary || summary.repositories.failed > 0 || summary.repositories.left > 0;
    this.#schedule(
      failed ? Math.min(RETRY_AFTER_FAILURE_MS, settings.ENRICH_REFRESH) : settings.ENRICH_REFRESH,
    );
    return summary;
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.runRound(), Math.min(Math.max(ms, 1000), MAX_TIMER_MS));
    this.#timer.unref();
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }

  /** Stops timers and abandons a running round (what it learned so far is saved). */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#abort.abort(new Error('stopping'));
    await this.#running?.catch(() => undefined);
  }
}
