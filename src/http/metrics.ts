import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type InteractionOutcome = 'ok' | 'error' | 'denied' | 'rate-limited' | (string & {});
export type ListReloadOutcome = 'updated' | 'unchanged' | 'refused' | 'failed';
export type FeaturedPostOutcome = 'posted' | 'skipped' | 'failed' | (string & {});

export interface Metrics {
  /** A dedicated registry, never prom-client's global one. */
  readonly registry: Registry;
  recordInteraction(command: string, outcome: InteractionOutcome, durationSeconds: number): void;
  observeAutocomplete(durationSeconds: number): void;
  setListEntries(count: number): void;
  countListReload(outcome: ListReloadOutcome): void;
  countFeaturedPost(outcome: FeaturedPostOutcome): void;
  setGatewayConnected(connected: boolean): void;
  countGatewayReconnect(): void;
  /** Prometheus text exposition of every metric. */
  render(): Promise<string>;
  readonly contentType: string;
}

export interface CreateMetricsOptions {
  /** Process metrics (CPU, memory, event loop lag). Default true. */
  defaultMetrics?: boolean;
}

const INTERACTION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
// Autocomplete answers must come within Discord's 3 s window, but are expected to take well under 1 ms.
const AUTOCOMPLETE_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25];

export function createMetrics(options: CreateMetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const interactions = new Counter({
    name: 'dsp_interactions_total',
    help: 'Slash commands, buttons and menus handled, by command and outcome.',
    labelNames: ['command', 'outcome'] as const,
    registers,
  });
  const interactionDuration = new Histogram({
    name: 'dsp_interaction_duration_seconds',
    help: 'Time from receiving an interaction to answering it.',
    labelNames: ['command'] as const,
    buckets: INTERACTION_BUCKETS,
    registers,
  });
  const autocompleteDuration = new Histogram({
    name: 'dsp_autocomplete_duration_seconds',
    help: 'Time to compute autocomplete suggestions.',
    buckets: AUTOCOMPLETE_BUCKETS,
    registers,
  });
  const listEntries = new Gauge({
    name: 'dsp_list_entries',
    help: 'Entries in the list currently served.',
    registers,
  });
  const listReloads = new Counter({
    name: 'dsp_list_reloads_total',
    help: 'List reloads by outcome: updated, unchanged, refused (shrink guard) or failed.',
    labelNames: ['outcome'] as const,
    registers,
  });
  const featuredPosts = new Counter({
    name: 'dsp_featured_posts_total',
    help: 'Featured-project posts by outcome.',
    labelNames: ['outcome'] as const,
    registers,
  });
  const gatewayStatus = new Gauge({
    name: 'dsp_gateway_status',
    help: '1 while connected to the Discord gateway, else 0.',
    registers,
  });
  const gatewayReconnects = new Counter({
    name: 'dsp_gateway_reconnects_total',
    help: 'Gateway reconnections.',
    registers,
  });

  return {
    registry,
    contentType: registry.contentType,
    recordInteraction(command, outcome, durationSeconds) {
      interactions.inc({ command, outcome });
      interactionDuration.observe({ command }, durationSeconds);
    },
    observeAutocomplete: (durationSeconds) => autocompleteDuration.observe(durationSeconds),
    setListEntries: (count) => listEntries.set(count),
    countListReload: (outcome) => listReloads.inc({ outcome }),
    countFeaturedPost: (outcome) => featuredPosts.inc({ outcome }),
    setGatewayConnected: (connected) => gatewayStatus.set(connected ? 1 : 0),
    countGatewayReconnect: () => gatewayReconnects.inc(),
    render: () => registry.metrics(),
  };
}
