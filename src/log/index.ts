export {
  createLogger,
  silentLogger,
  scrubbingStream,
  REDACT_PATHS,
  REDACTED,
  type CreateLoggerOptions,
  type LogSink,
  type Logger,
} from './logger.js';
