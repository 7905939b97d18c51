/**
 * Two separate processes (claim-worker.ts) claiming the same periods at once, from opposite ends:
 * each opens the store first, and both start claiming only when both are ready.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const READY = 'ready\n';

interface ClaimWorker {
  /** Settles when the worker has opened its store (or has exited). */
  ready: Promise<void>;
  go(): void;
  /** The periods it won, once it has exited. */
  won(): Promise<string[]>;
}

function startClaimWorker(
  location: string,
  claimant: string,
  count: number,
  order: 'up' | 'down',
): ClaimWorker {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'claim-worker.ts'),
      location,
      claimant,
      String(count),
      order,
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.on('error', () => undefined); // a worker that already failed says so through `won`
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  const ready = new Promise<void>((resolve) => {
    child.stdout.on('data', () => stdout.startsWith(READY) && resolve());
    void closed.then(() => resolve());
  });
  const won = async () => {
    const code = await closed;
    if (code !== 0 || !stdout.startsWith(READY)) {
      throw new Error(`claim-worker ${claimant} exited with ${code}: ${stderr}`);
    }
    return JSON.parse(stdout.slice(READY.length)) as string[];
  };
  return { ready, go: () => child.stdin.end('go\n'), won };
}

/** Runs the race on the database at `location`; returns the periods each of the two processes won. */
export async function claimInTwoProcesses(location: string, count: number): Promise<[string[], string[]]> {
  const a = startClaimWorker(location, 'a', count, 'up');
  const b = startClaimWorker(location, 'b', count, 'down');
  await Promise.all([a.ready, b.ready]);
  a.go();
  b.go();
  return Promise.all([a.won(), b.won()]);
}
