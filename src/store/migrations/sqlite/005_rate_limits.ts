/**
 * The last GitHub rate-limit state per API and credential (see RateLimitRecord), kept across
 * restarts. Times are epoch milliseconds. Never edit once shipped.
 */
export const sql = `
CREATE TABLE rate_limits (
  api text NOT NULL,
  identity text NOT NULL,
  budget_limit integer,
  remaining integer NOT NULL,
  reset_at integer NOT NULL,
  paused_until integer,
  PRIMARY KEY (api, identity)
);
`;
