/** Remembers the last picks of `/dsp random` per channel, so that picks do not repeat. */
export interface RecentPicks {
  recent(channelKey: string): readonly string[];
  remember(channelKey: string, entryId: string): void;
}

/** A pick does not come back within this many picks in the same channel (`/dsp random`). */
export const NO_REPEAT_WINDOW = 10;

/** The last `size` picks per channel, in memory, for at most `maxChannels` channels (oldest channel forgotten first). */
export function createRecentPicks(size = NO_REPEAT_WINDOW, maxChannels = 10_000): RecentPicks {
  const byChannel = new Map<string, string[]>();
  return {
    recent: (channelKey) => byChannel.get(channelKey) ?? [],
    remember(channelKey, entryId) {
      const picks = (byChannel.get(channelKey) ?? []).filter((id) => id !== entryId);
      picks.push(entryId);
      byChannel.delete(channelKey);
      byChannel.set(channelKey, picks.slice(-size));
      if (byChannel.size > maxChannels) {
        const oldest = byChannel.keys().next().value;
        if (oldest !== undefined) byChannel.delete(oldest);
      }
    },
  };
}
