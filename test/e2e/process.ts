/** The bot as a user runs it: `npm start` in a child process, its own process group so SIGKILL reaches node. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface BotProcess {
  child: ChildProcess;
  output: string[];
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<void>;
  kill(signal: NodeJS.Signals): void;
}

export function startBotProcess(env: Record<string, string>, args: string[] = []): BotProcess {
  const child = spawn('npm', ['start', '--silent', ...(args.length > 0 ? ['--', ...args] : [])], {
    cwd: ROOT,
    // ENRICH off: a test bot never asks the real GitHub (a test that wants metadata sets it).
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ENRICH: 'off', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const waiters = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output.push(...chunk.toString().split('\n').filter(Boolean));
    for (const waiter of waiters) waiter();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | string>((resolve) =>
    child.on('close', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return {
    child,
    output,
    exited,
    waitForLog(pattern, timeoutMs = 90_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (output.some((line) => pattern.test(line))) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no log line matching ${pattern} in:\n${output.slice(-30).join('\n')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    kill(signal) {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    },
  };
}
