/**
 * The storage contract (`Store`) and the records it keeps: featured settings, post claims, first
 * sightings of entries, the process registry, project metadata, the updates channel (updates-types.ts). Two backends implement it, SQLite
 * (sqlite.ts and sqlite/: one host) and PostgreSQL (postgres.ts and postgres/: processes on several
 * hosts sharing one database), one module per part of the contract; open.ts picks one.
 * test/store/contract.ts is the behaviour both must have.
 */
import type { LogSink } from '../log/logger.js';
import type { LinkRecord, RateLimitRecord, RepoRecord } from './metadata-records.js';
import type { UpdatesStore } from './updates-types.js';

export interface FeaturedSettings {
  guildId: string;
  channelId: string;
  /** A validated node-cron expression (presets are resolved before saving). */
  schedule: string;
  /** IANA timezone name. */
  timezone: string;
  enabled: boolean;
  /** Set when posting stopped by itself (e.g. the channel became unavailable). */
  pausedReason?: string;
  pausedAt?: Date;
  updatedAt: Date;
  updatedBy?: string;
  /** Open a thread on each post for discussion (issue 15 §2); absent means no. */
  thread?: boolean;
}

/** What `saveFeatured` needs: pause fields are always cleared by a save. */
export type FeaturedSettingsInput = Omit<FeaturedSettings, 'pausedReason' | 'pausedAt'>;

export interface PostClaim {
  guildId: string;
  /** The scheduled fire instant as an ISO string (see schedule/schedule.ts `periodKey`). */
  periodKey: string;
  channelId: string;
  entryId: string;
  /** Rotation cycle the entry is featured in. */
  cycle: number;
  claimedAt: Date;
  /** Who claimed it (process id), so a stale claim can be taken over after a crash. */
  claimant: string;
}

export interface PostRecord extends PostClaim {
  messageId?: string;
  sentAt?: Date;
  failedReason?: string;
  failedAt?: Date;
}

export type ClaimResult = { won: true } | { won: false; existing: PostRecord };

export interface CycleState {
  cycle: number;
  entryIds: Set<string>;
}

/** A refresh round that finished with every repository answered (see `MetadataStore.recordRefresh`). */
export interface RefreshRecord {
  completedAt: Date;
  /** The round's summary as JSON (what `dsp enrich --json` prints). */
  summary: string;
}

/**
 * The last GitHub rate-limit state per API and credential, so that no process spends a budget
 * another one (or its own previous run) used up.
 */
export interface RateLimitStore {
  /** Keeps the rate-limit state for its api and identity, unless one of a later window is stored. */
  saveRateLimit(record: RateLimitRecord): Promise<void>;
  rateLimit(api: RateLimitRecord['api'], identity: string): Promise<RateLimitRecord | undefined>;
}

/**
 * What dsp learned about repositories and links (src/metadata), kept for entries that leave the
 * list too, the lease that lets one process at a time refresh it, and GitHub's rate budget.
 */
export interface MetadataStore extends RateLimitStore {
  /** Upsert by `repo` key. */
  saveRepoRecords(records: readonly RepoRecord[]): Promise<void>;
  /** The records with these keys (all when omitted), in key order. */
  repoRecords(keys?: readonly string[]): Promise<RepoRecord[]>;
  /** Upsert by `url`. */
  saveLinkRecords(records: readonly LinkRecord[]): Promise<void>;
  linkRecords(urls?: readonly string[]): Promise<LinkRecord[]>;
  recordRefresh(round: RefreshRecord): Promise<void>;
  /** The newest complete round. */
  lastRefresh(): Promise<RefreshRecord | undefined>;
  /**
   * Takes (or renews, for its holder) the named lease for `ttlMs`. True for exactly one holder at a
   * time; a lease whose holder stopped renewing it expires and can be taken.
   */
  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up if `holder` has it. */
  releaseLease(name: string, holder: string): Promise<void>;
}

/** One running bot process, for sharding across hosts (see `Store.registerProcess`). */
export interface ProcessRegistration {
  /** Unique per process, e.g. `<host>:<pid>:<random>`. */
  id: string;
  shardIds: readonly number[];
  shardCount: number;
  startedAt: Date;
}

/** Each guild's featured-post settings. */
export interface FeaturedSettingsStore {
  getFeatured(guildId: string): Promise<FeaturedSettings | undefined>;
  /** Upsert; clears any pause. */
  saveFeatured(settings: FeaturedSettingsInput): Promise<void>;
  pauseFeatured(guildId: string, reason: string, at?: Date): Promise<void>;
  /**
   * Clears the pause and re-enables; settings are kept. Sets `updatedAt`, so periods missed while
   * paused are not caught up. Returns false when the guild has no settings.
   */
  resumeFeatured(guildId: string, at?: Date): Promise<boolean>;
  /** Turns posting off; settings are kept, never deleted. */
  disableFeatured(guildId: string, at?: Date): Promise<void>;
  /** Enabled and not paused. */
  listActiveFeatured(): Promise<FeaturedSettings[]>;
}

/** The featured posts: one claim per guild and period, then its sent or failed outcome. */
export interface FeaturedPostStore {
  /** Unique per (guild, period): exactly one caller ever wins, across processes. */
  claimPost(claim: PostClaim): Promise<ClaimResult>;
  /**
   * Compare-and-swap a stale unsent claim to a new claimant. True only for the one caller whose
   * `expectedClaimant` still matched, so two recovering processes never both resend.
   */
  takeOverClaim(
    guildId: string,
    periodKey: string,
    expectedClaimant: string,
    claimant: string,
    at: Date,
  ): Promise<boolean>;
  recordPostSent(guildId: string, periodKey: string, messageId: string, sentAt: Date): Promise<void>;
  recordPostFailed(guildId: string, periodKey: string, reason: string, at?: Date): Promise<void>;
  getPost(guildId: string, periodKey: string): Promise<PostRecord | undefined>;
  /** Newest period first. */
  recentPosts(guildId: string, limit: number): Promise<PostRecord[]>;
  latestPost(guildId: string): Promise<PostRecord | undefined>;
  /** Claimed, no message id, not failed: left behind by a crash (or still in flight). */
  unsentClaims(): Promise<PostRecord[]>;

  /** The newest rotation cycle of a guild and the entries featured in it (failed posts excluded). */
  featuredInCycle(guildId: string): Promise<CycleState>;
}

/** When each list entry was first seen. */
export interface EntrySightings {
  /** Insert-if-missing: the first time each entry id was seen in the list. */
  recordEntriesSeen(ids: readonly string[], at: Date): Promise<void>;
  /** Ids first seen strictly after `at`. */
  entriesFirstSeenSince(at: Date): Promise<string[]>;
}

/** The running bot processes, for sharding across hosts. */
export interface ProcessRegistryStore {
  /** Registering an existing id replaces it and counts as a heartbeat. */
  registerProcess(registration: ProcessRegistration): Promise<void>;
  /** Marks the process alive now; false when the id is not registered (register again). */
  heartbeatProcess(id: string): Promise<boolean>;
  /** Processes whose last heartbeat (or registration) is at most `withinMs` old. */
  liveProcessCount(withinMs: number): Promise<number>;
}

export interface Store
  extends
    FeaturedSettingsStore,
    FeaturedPostStore,
    EntrySightings,
    ProcessRegistryStore,
    MetadataStore,
    UpdatesStore {
  /** Throws when the store cannot be written (readiness probe). */
  checkWritable(): Promise<void>;
  close(): Promise<void>;
}

/** What a store logs: migrations applied, a lost connection, which backend opened. */
export type StoreLogger = Pick<LogSink, 'info' | 'warn'>;

export type * from './updates-types.js';
