/** The schema both store backends have; each contract run compares its database with it. */

/** The tables (with their columns, in order) and the indexes other than primary keys. */
export interface SchemaShape {
  tables: Record<string, string[]>;
  indexes: string[];
}

/** Both backends' schema, kept in step by their migrations (src/store/migrations/). */
export const SCHEMA: SchemaShape = {
  tables: {
    bot_processes: ['id', 'shard_ids', 'shard_count', 'started_at', 'heartbeat_at'],
    entries_seen: ['entry_id', 'first_seen_at'],
    featured_posts: [
      'guild_id',
      'period_key',
      'channel_id',
      'entry_id',
      'cycle',
      'claimed_at',
      'claimant',
      'message_id',
      'sent_at',
      'failed_reason',
      'failed_at',
    ],
    featured_settings: [
      'guild_id',
      'channel_id',
      'schedule',
      'timezone',
      'enabled',
      'paused_reason',
      'paused_at',
      'updated_at',
      'updated_by',
      'thread',
    ],
    health: ['id', 'checked_at'],
    leases: ['name', 'holder', 'expires_at'],
    link_metadata: [
      'url',
      'status',
      'http_status',
      'location',
      'status_since',
      'checked_at',
      'gone_count',
      'failures',
      'last_error',
    ],
    metadata_refresh: ['id', 'completed_at', 'summary'],
    rate_limits: ['api', 'identity', 'budget_limit', 'remaining', 'reset_at', 'paused_until'],
    repo_metadata: [
      'repo',
      'status',
      'facts',
      'etag',
      'status_since',
      'checked_at',
      'failures',
      'last_error',
    ],
    updates_announced: ['guild_id', 'entries', 'announced_at'],
    updates_digests: [
      'guild_id',
      'digest_key',
      'channel_id',
      'added',
      'removed',
      'claimed_at',
      'claimant',
      'message_ids',
      'sent_at',
      'failed_reason',
      'failed_at',
    ],
    updates_settings: [
      'guild_id',
      'channel_id',
      'category',
      'role_id',
      'thread',
      'enabled',
      'paused_reason',
      'paused_at',
      'updated_at',
      'updated_by',
    ],
  },
  indexes: [
    'bot_processes_heartbeat',
    'entries_seen_at',
    'featured_posts_cycle',
    'featured_posts_unsent',
    'updates_digests_unsent',
  ],
};
