export {
  startHttpServer,
  type HttpServerOptions,
  type Readiness,
  type ReadinessCheck,
  type RunningHttpServer,
} from './server.js';
export {
  createMetrics,
  type CreateMetricsOptions,
  type FeaturedPostOutcome,
  type InteractionOutcome,
  type ListReloadOutcome,
  type Metrics,
} from './metrics.js';
