import { pino, type DestinationStream, type Level, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * The part of a logger that library code calls; pino's Logger has it, and a test can pass a
 * plain object. Code that needs fewer levels asks for `Pick<LogSink, 'info' | 'warn'>`.
 */
export interface LogSink {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const REDACTED = '[Redacted]';

/** Field paths pino blanks out wherever they occur in a log object. */
export const REDACT_PATHS = [
  'token',
  '*.token',
  'DISCORD_TOKEN',
  '*.DISCORD_TOKEN',
  'config.DISCORD_TOKEN',
  'authorization',
  'Authorization',
  'headers.authorization',
  'headers.Authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  'req.headers.authorization',
  'request.headers.authorization',
  'DATABASE_URL',
  '*.DATABASE_URL',
  'GITHUB_TOKEN',
  '*.GITHUB_TOKEN',
];

export interface CreateLoggerOptions {
  level: Level | 'silent';
  /** Where lines go; standard output when absent. */
  destination?: DestinationStream;
  /** Exact strings (the bot token…) that must never reach the output, whatever field holds them. */
  secrets?: readonly string[];
  /** Fields on every line, e.g. `{ service: 'dsp' }`. */
  base?: Record<string, unknown>;
}

/** The forms a secret can take inside a serialized JSON line. */
function secretVariants(secret: string): string[] {
  const jsonEscaped = JSON.stringify(secret).slice(1, -1);
  return [...new Set([secret, jsonEscaped, encodeURIComponent(secret)])].filter((form) => form.length > 0);
}

/**
 * The last-resort scrub: pino's redact matches field paths only, so a token inside an error
 * message or a URL would slip through. This replaces any occurrence of a secret in each line.
 */
export function scrubbingStream(
  destination: DestinationStream,
  secrets: readonly string[],
): DestinationStream {
  const variants = secrets.filter((secret) => secret.length > 0).flatMap(secretVariants);
  if (variants.length === 0) return destination;
  // Longest first, so a secret that contains another is replaced whole.
  variants.sort((a, b) => b.length - a.length);
  return {
    write(line: string) {
      let scrubbed = line;
      for (const variant of variants) {
        if (scrubbed.includes(variant)) scrubbed = scrubbed.split(variant).join(REDACTED);
      }
      destination.write(scrubbed);
    },
  };
}

/**
 * The root logger: JSON lines, redacted by field path and scrubbed of the given secrets.
 * Create it once at start-up and hand out `logger.child({ interactionId, guildId })`.
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  const destination = options.destination ?? pino.destination({ dest: 1, sync: true });
  return pino(
    {
      level: options.level,
      base: options.base ?? { service: 'dsp' },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    scrubbingStream(destination, options.secrets ?? []),
  );
}

/** A logger that writes nothing, for tests and library use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
