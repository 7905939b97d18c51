/**
 * The list-build worker thread's entry point (see builder.ts): parses the list it is given in
 * workerData and posts the document back. Runs as `build-worker.js` next to the compiled
 * builder, or through tsx from the TypeScript sources.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runBuild, type BuildRequest } from './build-protocol.js';

if (parentPort === null) throw new Error('build-worker runs in a worker thread');
const port = parentPort;
runBuild(workerData as BuildRequest, (message) => port.postMessage(message));
