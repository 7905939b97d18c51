/**
 * Two separate processes (refresh-worker.ts) starting a metadata refresh round at once on one
 * store: the store's lease lets one of them run it.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const READY = 'ready\n';

export interface WorkerRound {
  ran: boolean;
  checked: number;
}

function startWorker(location: string, holder: string, githubUrl: string, count: number) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'refresh-worker.ts'),
      location,
      holder,
      githubUrl,
      String(count),
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.on('error', () => undefined);
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  const ready = new Promise<void>((resolve) => {
    child.stdout.on('data', () => stdout.startsWith(READY) && resolve());
    void closed.then(() => resolve());
  });
  const result = async (): Promise<WorkerRound> => {
    const code = await closed;
    if (code !== 0 || !stdout.startsWith(READY))
      throw new Error(`refresh-worker ${holder} exited with ${code}: ${stderr}`);
    return JSON.parse(stdout.slice(READY.length)) as WorkerRound;
  };
  return { ready, go: () => child.stdin.end('go\n'), result };
}

/**
 * Both workers start a round together; `afterFirst` runs when the first of them has finished
 * (e.g. to let the stand-in answer the winner's held requests).
 */
export async function refreshInTwoProcesses(
  location: string,
  githubUrl: string,
  count: number,
  afterFirst: () => void,
): Promise<[WorkerRound, WorkerRound]> {
  const a = startWorker(location, 'proc-a', githubUrl, count);
  const b = startWorker(location, 'proc-b', githubUrl, count);
  await Promise.all([a.ready, b.ready]);
  a.go();
  b.go();
  const results = [a.result(), b.result()] as const;
  await Promise.race(results).finally(afterFirst);
  return Promise.all(results);
}
