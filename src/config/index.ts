export {
  loadConfig,
  readEnvironment,
  formatProblems,
  formatProblem,
  MISSING_TOKEN_HELP,
  type Environment,
  type LoadConfigOptions,
  type LoadConfigResult,
} from './load.js';
export { listMaxBytes, type ListLimitResult } from './list-limit.js';
export {
  configSchema,
  VARIABLES,
  LOG_LEVELS,
  MAX_LIST_MAX_BYTES,
  type Config,
  type LogLevel,
  type VariableName,
  type VariableSpec,
} from './schema.js';
export { parseDuration, parseByteSize, parseShardIds, isSnowflake } from './parse.js';
export { bundledListPath } from './bundled.js';
export { configurationTable, envExample, readmeConfigurationTable } from './docs.js';
export { secretsOf } from './secrets.js';
