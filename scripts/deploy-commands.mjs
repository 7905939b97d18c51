// `npm run deploy-commands [-- --clear]`: build if needed, then register (or remove) the slash commands.
import { pathToFileURL } from 'node:url';
import { ensureBuilt } from './ensure-built.mjs';

await import(pathToFileURL(ensureBuilt('src/discord/deploy-commands.js')).href);
