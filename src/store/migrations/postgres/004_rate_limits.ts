/**
 * The last GitHub rate-limit state per API and credential (see RateLimitRecord), kept across
 * restarts. Never edit once shipped.
 */
export const sql = `
CREATE TABLE rate_limits (
  api text COLLATE "C" NOT NULL,
  identity text COLLATE "C" NOT NULL,
  budget_limit integer,
  remaining integer NOT NULL,
  reset_at timestamptz NOT NULL,
  paused_until timestamptz,
  PRIMARY KEY (api, identity)
);
`;
