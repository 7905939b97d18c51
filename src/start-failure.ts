import { isTokenRejected } from './discord/token-rejected.js';
import { REDACTED } from './log/index.js';
import { describeError } from './text/describe-error.js';

export const EXIT_FAILURE = 1;
/** Also the exit code of configuration problems: something the operator has to change. */
export const EXIT_CONFIGURATION = 2;

export const TOKEN_REJECTED_LINE =
  'Discord rejected the token: reset it in the Developer Portal ' +
  '(https://discord.com/developers/applications → your application → Bot → Reset Token) ' +
  'and put the new one in DISCORD_TOKEN.';

export interface StartFailure {
  /** Printed on stderr whatever the log level, like configuration problems are. */
  line: string;
  exitCode: number;
}

export function describeStartFailure(error: unknown, secrets: readonly string[]): StartFailure {
  if (isTokenRejected(error)) return { line: TOKEN_REJECTED_LINE, exitCode: EXIT_CONFIGURATION };
  return {
    line: `dsp cannot start: ${hideSecrets(oneLine(describeError(error)), secrets)}`,
    exitCode: EXIT_FAILURE,
  };
}

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();

function hideSecrets(text: string, secrets: readonly string[]): string {
  return secrets
    .filter((secret) => secret !== '')
    .reduce((hidden, secret) => hidden.split(secret).join(REDACTED), text);
}
