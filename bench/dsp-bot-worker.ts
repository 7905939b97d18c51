/** Runs dsp in a worker thread for the interaction benchmark. */
import { parentPort, workerData } from 'node:worker_threads';
import { startDspBot } from './dsp-bot.js';

const { apiUrl, token } = workerData as { apiUrl: string; token: string };
const bot = await startDspBot(apiUrl, token);
parentPort?.postMessage('ready');
parentPort?.on('message', (message) => {
  if (message === 'stop') void bot.stop().then(() => process.exit(0));
});
