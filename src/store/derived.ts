/** What both backends derive from their own queries rather than write again in SQL. */
import type { FeaturedPostStore } from './types.js';

/** `latestPost` as the first of `recentPosts` (newest period first). */
export function latestOf(recentPosts: FeaturedPostStore['recentPosts']): FeaturedPostStore['latestPost'] {
  return async (guildId) => {
    const [latest] = await recentPosts(guildId, 1);
    return latest;
  };
}
