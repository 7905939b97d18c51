export type {
  Category,
  Diagnostic,
  DiagnosticLevel,
  DiagnosticRule,
  Entry,
  EntryKind,
  ListDocument,
} from './types.js';
export type { ParseOptions, ParseProgress } from './parse.js';
export { parseList } from './parse.js';
export type { ParseLimits } from './limits.js';
export { DEFAULT_LIMITS, DEFAULT_LIST_MAX_BYTES } from './limits.js';
export { describeSize, listSizeProblem } from './size-limit.js';
export type { ListSource, ReadListOptions } from './source.js';
export { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, isUrl, readListSource } from './source.js';
export { BUNDLED_LIST_PATH } from './paths.js';
export { RULE_LEVELS } from './diagnostics.js';
export { canonicalLanguage, isKnownLanguage } from './language.js';
export { githubRepo } from './repo.js';
export { normalizeUrl } from './url.js';
export { nameMatchesRepo } from './name-matches-repo.js';
