import type { Client } from 'discord.js';
import type { UpdatesServices } from '../contracts/updates.js';
import type { Store } from '../store/types.js';
import type { UpdatesEngine } from '../updates/engine.js';
import { channelAccess } from './featured-services.js';

/** The updates channel as commands see it: the store for settings, the engine for the list it announces. */
export function createUpdatesServices(options: {
  client: Client;
  store: Store;
  engine: UpdatesEngine;
  minIntervalMs: number;
}): UpdatesServices {
  const { client, store, engine } = options;
  return {
    settings: (guildId) => store.getUpdates(guildId),
    async save(settings) {
      const before = await store.getUpdates(settings.guildId);
      await store.saveUpdates(settings);
      // A new category starts from the list as served now; a resume keeps what is still untold.
      const fresh = before === undefined || before.category !== settings.category;
      if (fresh || !(await store.getAnnouncedList(settings.guildId))) {
        await engine.resetBaseline(settings.guildId, settings.category);
      }
      engine.check(settings.guildId);
    },
    disable: (guildId) => store.disableUpdates(guildId),
    history: (guildId, limit) => store.recentDigests(guildId, limit),
    preview: (guildId) => engine.preview(guildId),
    channelAccess: (guildId, channelId, thread) => channelAccess(client, guildId, channelId, thread),
    minIntervalMs: options.minIntervalMs,
  };
}
