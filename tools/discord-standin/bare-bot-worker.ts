/** Runs the bare bot in a worker thread (bench: bot and stand-in on separate cores). */
import { parentPort, workerData } from 'node:worker_threads';
import { startBareBot } from './bare-bot.js';

const { apiUrl, token } = workerData as { apiUrl: string; token: string };
const bot = await startBareBot(apiUrl, token);
parentPort?.postMessage('ready');
parentPort?.on('message', (message) => {
  if (message === 'stop') void bot.stop().then(() => process.exit(0));
});
