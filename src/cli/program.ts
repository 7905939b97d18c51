import { Command, CommanderError } from 'commander';
import { describeError } from '../text/describe-error.js';
import { listMaxBytes, readEnvironment } from '../config/index.js';
import { readVersion } from '../version.js';
import { addBrowseCommands } from './browse-commands.js';
import type { CliIo, CommandContext } from './context.js';
import { addEnrichCommand } from './enrich.js';
import { addHealthCommand } from './health.js';
import { addListCommands } from './list-commands.js';
import { CliError, type LoadOptions } from './load.js';
import { withListOption } from './options.js';
import { addSearchCommand } from './search-command.js';

export type { CliIo } from './context.js';

/** Builds the `dsp` command tree; actions write through `io` and set `state.exitCode`. */
export function buildProgram(io: CliIo, state: { exitCode: number }): Command {
  const program = new Command('dsp')
    .description('Search the awesome list of distributed-systems projects')
    .version(readVersion(), '-V, --version', 'print the version of dsp')
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) })
    .exitOverride();
  const print = (text: string): void => io.out(text.endsWith('\n') ? text : `${text}\n`);
  const listLimit = (): LoadOptions => {
    const result = listMaxBytes(io.env ?? readEnvironment());
    if (!result.ok) throw new CliError(result.problem, 2);
    return { maxBytes: result.bytes };
  };
  /** parse and lint read lists being written, perhaps long ones: they show progress. */
  const withProgress = (): LoadOptions => ({
    ...listLimit(),
    ...(io.progress ? { progress: { write: (text: string) => io.progress?.(text) } } : {}),
  });
  const add = (name: string): Command =>
    withListOption(
      program.command(name).exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err }),
    );

  const context: CommandContext = { io, state, add, print, listLimit, withProgress };
  addSearchCommand(context);
  addBrowseCommands(context);
  addListCommands(context);
  addEnrichCommand(add, io, print);
  addHealthCommand(add, io, print, state);

  return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const state = { exitCode: 0 };
  const program = buildProgram(io, state);
  try {
    if (argv.length === 0) {
      io.out(program.helpInformation());
      return 0;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return state.exitCode;
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its one-line message (or the help/version text).
    return error.exitCode;
  }
  if (error instanceof CliError) {
    io.err(`error: ${error.message}\n`);
    return error.exitCode;
  }
  io.err(`error: unexpected: ${describeError(error)}\n`);
  return 70;
}
