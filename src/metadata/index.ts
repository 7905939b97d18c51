/** Project metadata: GitHub facts, link checks and health classes (see README, "Project metadata and health"). */
export * from './types.js';
export { classify, isFailing, parseFailOn, HIDDEN_BY_DEFAULT, DEFAULT_INACTIVE_AFTER_MS } from './health.js';
export { refreshMetadata, REFRESH_LEASE, targetsOf } from './refresh.js';
export type { RefreshOptions, RefreshProgress, RefreshSources, RefreshSummary } from './refresh.js';
export { createSources } from './service.js';
export type { MetadataSettings } from './service.js';
export {
  buildMetadataView,
  loadMetadataView,
  metadataToJson,
  movedTo,
  sortByActivity,
  sortByStars,
  EMPTY_VIEW,
} from './view.js';
export type { MetadataView } from './view.js';
export { compactCount, metadataLine, relativeTime, HEALTH_MARKERS } from './format.js';
export { systemClock } from './clock.js';
export type { Clock } from './clock.js';
