/** What both backends derive from their own queries rather than write again in SQL. */
import type { PostRecord } from './types.js';

export abstract class BaseStore {
  /** Newest period first (see `Store.recentPosts`). */
  abstract recentPosts(guildId: string, limit: number): Promise<PostRecord[]>;

  async latestPost(guildId: string): Promise<PostRecord | undefined> {
    const [latest] = await this.recentPosts(guildId, 1);
    return latest;
  }
}
