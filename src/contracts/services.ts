/** What every command module is handed: built by the composition root (src/app.ts), or by a test. */
import type { RecentPicks } from '../search/recent-picks.js';
import type { Catalog, ReloadResult } from './catalog.js';
import type { FeaturedServices } from './featured.js';
import type { UpdatesServices } from './updates.js';
import type { MetadataView } from '../metadata/view.js';
import type { CardStyle } from './payload.js';

/** Where this bot process stands in a sharded deployment. */
export interface RuntimeInfo {
  /** The gateway shard a server's events arrive on; undefined outside servers. */
  shardOf(guildId?: string): { id: number; count: number } | undefined;
  /** Bot processes recently heartbeating in the shared store; undefined when it keeps no registry. */
  liveProcesses(): Promise<number | undefined>;
}

export interface CommandServices {
  catalog(): Catalog;
  /** Absent when the bot runs without a store (e.g. in the CLI). */
  featured?: FeaturedServices;
  /** The updates channel; absent without a store. */
  updates?: UpdatesServices;
  /** Owner-only reload of the list. */
  reloadList?(force: boolean): Promise<ReloadResult>;
  now(): Date;
  /** Uniform in [0, 1). */
  rng(): number;
  recentPicks: RecentPicks;
  version: string;
  /** Sharding details for `/dsp about`; absent outside the bot. */
  runtime?: RuntimeInfo;
  /**
   * Project metadata (stars, last push, health) as last refreshed in the background; absent when
   * ENRICH is off. Never waits: answers show whatever is there now.
   */
  metadata?(): MetadataView;
  /** How answers look (CARD_STYLE, `components` by default); embeds when absent (the CLI, most unit tests). */
  cardStyle?: CardStyle;
}
