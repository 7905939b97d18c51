/** The command line of `npm start` (`node dist/src/main.js`): a flag or two, anything else is a mistake. */

export type StartRequest =
  { kind: 'start'; checkConfigOnly: boolean } | { kind: 'help' } | { kind: 'usage-error'; message: string };

export const START_USAGE = `Usage: npm start [-- [options]]
       node dist/src/main.js [options]

Starts the dsp Discord bot. Settings come from environment variables or a .env file
(see docs/configuration.md).

Options:
  --check-config  check the configuration and exit: 0 when valid, 2 with every problem when not
  -h, --help      print this help and exit
`;

export function parseStartArgs(argv: readonly string[]): StartRequest {
  let checkConfigOnly = false;
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    if (arg === '--check-config') {
      checkConfigOnly = true;
      continue;
    }
    const what = arg.startsWith('-') ? 'unknown option' : 'unexpected argument';
    return { kind: 'usage-error', message: `${what} '${arg}'` };
  }
  return { kind: 'start', checkConfigOnly };
}
