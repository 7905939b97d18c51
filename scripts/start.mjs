// `npm start`: build if needed, then run the bot in this process (signals reach it directly).
import { pathToFileURL } from 'node:url';
import { ensureBuilt } from './ensure-built.mjs';

await import(pathToFileURL(ensureBuilt('src/main.js')).href);
