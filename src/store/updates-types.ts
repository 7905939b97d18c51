/**
 * What the store keeps for the updates channel: each server's settings, every digest claimed
 * (exactly once, like a featured post) and the list each server was last told about.
 */

/**
 * What a digest tells about one entry, kept with the claim and the announced list so that an entry
 * can be named after it left the list (and after a restart).
 */
export interface ListedEntry {
  id: string;
  name: string;
  url: string;
  category: string;
  subcategory?: string;
  /** `project` or `resource` (src/list/kind.ts); absent in what was stored before entries had one. */
  kind?: string;
  /** One line, shortened. */
  description: string;
}

export interface UpdatesSettings {
  guildId: string;
  channelId: string;
  /** Only changes in this category (and its sub-categories). */
  category?: string;
  /** The one role a digest pings. */
  roleId?: string;
  /** Forum or text-channel thread delivery (issue 15 §2). */
  thread: boolean;
  enabled: boolean;
  pausedReason?: string;
  pausedAt?: Date;
  updatedAt: Date;
  updatedBy?: string;
}

export type UpdatesSettingsInput = Omit<UpdatesSettings, 'pausedReason' | 'pausedAt'>;

export interface DigestClaim {
  guildId: string;
  /** Unique per guild: identifies the change set (e.g. the announced and the served list's hashes). */
  digestKey: string;
  channelId: string;
  added: ListedEntry[];
  removed: ListedEntry[];
  claimedAt: Date;
  claimant: string;
}

export interface DigestRecord extends DigestClaim {
  /** Ids of the messages (several when the digest was split). */
  messageIds?: string[];
  sentAt?: Date;
  failedReason?: string;
  failedAt?: Date;
}

export type DigestClaimResult = { won: true } | { won: false; existing: DigestRecord };

export interface AnnouncedList {
  /** The entries the server follows (its category, or the whole list), as last told. */
  entries: ListedEntry[];
  at: Date;
}

export interface UpdatesStore {
  getUpdates(guildId: string): Promise<UpdatesSettings | undefined>;
  /** Upsert; clears any pause. */
  saveUpdates(settings: UpdatesSettingsInput): Promise<void>;
  pauseUpdates(guildId: string, reason: string, at?: Date): Promise<void>;
  /** Turns digests off; settings are kept. */
  disableUpdates(guildId: string, at?: Date): Promise<void>;
  /** Enabled and not paused. */
  listActiveUpdates(): Promise<UpdatesSettings[]>;
  /** Unique per (guild, digest key): exactly one caller ever wins, across processes. */
  claimDigest(claim: DigestClaim): Promise<DigestClaimResult>;
  /**
   * Compare-and-swap an unsent digest claim to a new claimant (recovering a stale one, or renewing
   * one's own): true only for the one caller whose `expectedClaimant` still matched.
   */
  takeOverDigest(
    guildId: string,
    digestKey: string,
    expectedClaimant: string,
    claimant: string,
    at: Date,
  ): Promise<boolean>;
  recordDigestSent(guildId: string, digestKey: string, messageIds: string[], sentAt: Date): Promise<void>;
  recordDigestFailed(guildId: string, digestKey: string, reason: string, at?: Date): Promise<void>;
  /** Newest claim first. */
  recentDigests(guildId: string, limit: number): Promise<DigestRecord[]>;
  /** Claimed, not sent, not failed: left behind by a crash (or still in flight). */
  unsentDigests(): Promise<DigestRecord[]>;
  /** The list the guild was last told about (undefined before its first digest or baseline). */
  getAnnouncedList(guildId: string): Promise<AnnouncedList | undefined>;
  saveAnnouncedList(guildId: string, list: AnnouncedList): Promise<void>;
}
