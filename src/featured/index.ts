export { chooseFeatured } from './choose.js';
export type { Choice, ChooseInput } from './choose.js';
export { classifyDeliveryError, describeError } from './errors.js';
export type { ErrorClass, PermanentReason } from './errors.js';
export { parseMarker, postMarker, postNonce } from './marker.js';
export {
  describeSchedule,
  isValidTimezone,
  minimumGapSeconds,
  nextFire,
  parseSchedule,
  periodKey,
  previousFire,
  SCHEDULE_PRESETS,
  suggestTimezones,
} from '../schedule/schedule.js';
export type { ParsedSchedule } from '../schedule/schedule.js';
export { FeaturedScheduler } from './scheduler.js';
export type { FeaturedSchedulerDeps, FeaturedSchedulerOptions, RetryOptions } from './scheduler.js';
export type * from './types.js';
