/** `npm start`: validate the configuration, start the bot, and handle signals like a well-behaved service. */
import { MISSING_TOKEN_HELP, formatProblems, loadConfig, secretsOf } from './config/index.js';
import { createLogger } from './log/index.js';
import { START_USAGE, parseStartArgs } from './start-args.js';
import { EXIT_CONFIGURATION, describeStartFailure } from './start-failure.js';
import { startApp, type App } from './app.js';

async function main(argv: readonly string[]): Promise<void> {
  const request = parseStartArgs(argv);
  if (request.kind === 'help') {
    process.stdout.write(START_USAGE);
    return;
  }
  if (request.kind === 'usage-error') {
    process.stderr.write(`dsp: ${request.message}\n\n${START_USAGE}`);
    process.exit(EXIT_CONFIGURATION);
  }
  const result = loadConfig(undefined, { requireToken: true });
  if (!result.ok) {
    process.stderr.write(`${formatProblems(result.problems)}\n`);
    if (result.missingToken) process.stderr.write(`\n${MISSING_TOKEN_HELP}\n`);
    process.exit(EXIT_CONFIGURATION);
  }
  const { config } = result;
  if (request.checkConfigOnly) {
    process.stdout.write('Configuration is valid.\n');
    return;
  }
  const logger = createLogger({ level: config.LOG_LEVEL, secrets: secretsOf(config) });

  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled promise rejection (the bot keeps running)');
  });
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception; exiting so that the supervisor restarts dsp');
    process.exit(1);
  });

  let app: App;
  try {
    app = await startApp(config, logger);
  } catch (error) {
    const failure = describeStartFailure(error, secretsOf(config));
    logger.fatal({ err: error }, failure.line);
    process.stderr.write(`${failure.line}\n`);
    process.exit(failure.exitCode);
  }

  // A list slow to load keeps loading while the bot answers "loading"; without one, dsp cannot serve.
  app.catalog.whenLoaded().catch((error: unknown) => {
    const failure = describeStartFailure(error, secretsOf(config));
    logger.fatal({ err: error }, failure.line);
    process.stderr.write(`${failure.line}\n`);
    setTimeout(() => process.exit(failure.exitCode), config.SHUTDOWN_TIMEOUT).unref();
    void app.stop().finally(() => process.exit(failure.exitCode));
  });

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting at once');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, inFlight: app.bot.inFlight() }, 'shutting down');
    app.stop().then(
      () => {
        logger.info('stopped cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.on('SIGHUP', () => {
    void app.catalog
      .reload({ reason: 'SIGHUP' })
      .then((reload) => logger.info({ reload }, 'reload on SIGHUP'));
  });
}

await main(process.argv.slice(2));
