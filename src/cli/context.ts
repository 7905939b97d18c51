/** What every `dsp` command is built with: where it writes, how it adds itself, how it reads a list. */
import type { Command } from 'commander';
import type { LoadOptions } from './load.js';

/** Where the CLI writes; tests pass buffers, main passes process streams. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  random?: () => number;
  /** Terminal width when output is a terminal; tables then fit it. */
  columns?: number;
  /** A status line rewritten in place (dsp enrich, parsing a long list); set when stderr is a terminal. */
  progress?: (text: string) => void;
  /** Environment for LIST_MAX_BYTES, the store and metadata settings (default: process environment and .env). */
  env?: Record<string, string | undefined>;
  now?: () => Date;
}

/** Handed to each group of commands by buildProgram. */
export interface CommandContext {
  io: CliIo;
  /** Sets the process exit code (lint: 1 when the list has errors). */
  state: { exitCode: number };
  /** Adds a subcommand taking --list. */
  add(name: string): Command;
  /** Writes one block of output, ending it with a newline. */
  print(text: string): void;
  /** Load options holding LIST_MAX_BYTES. */
  listLimit(): LoadOptions;
  /** listLimit() plus a progress line, for lists being written (perhaps long ones). */
  withProgress(): LoadOptions;
}
