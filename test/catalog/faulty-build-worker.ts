/**
 * A list-build worker that misbehaves on demand, for the tests of what happens when one does.
 * It is the real worker, except for a list whose text holds one of these words:
 * CRASH (an uncaught error), EXIT (the thread exits), HANG (loops forever once started),
 * OOM (allocates until its heap is full).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runBuild, type BuildMessage, type BuildRequest } from '../../src/catalog/build-protocol.js';

const request = workerData as BuildRequest;
const post = (message: BuildMessage) => parentPort?.postMessage(message);

if (request.text.includes('CRASH')) {
  post({ type: 'started' });
  throw new Error('injected crash');
} else if (request.text.includes('EXIT')) {
  post({ type: 'started' });
  process.exit(3);
} else if (request.text.includes('HANG')) {
  post({ type: 'started' });
  for (;;) {
    // never answers
  }
} else if (request.text.includes('OOM')) {
  post({ type: 'started' });
  const hoard: number[][] = [];
  for (let i = 0; ; i++) hoard.push(new Array<number>(1_000_000).fill(i));
} else {
  runBuild(request, post);
}
