export { createLiveCatalog, startLiveCatalog } from './live-catalog.js';
export {
  DEFAULT_BUILD_TIMEOUT_MS,
  ListBuildError,
  inlineListParser,
  workerListParser,
  type BuildFailure,
  type ListParser,
  type ParseJob,
  type WorkerParserOptions,
} from './builder.js';
export {
  loadLastGood,
  saveLastGood,
  LAST_GOOD_LIST_FILE,
  LAST_GOOD_META_FILE,
  type LastGoodMeta,
} from './last-good.js';
export type {
  BuildIndex,
  CatalogChange,
  CatalogMetrics,
  ChangeListener,
  LiveCatalog,
  LiveCatalogOptions,
  ParseList,
  ReadSource,
  ReadSourceOptions,
  ReloadRequest,
} from './types.js';
