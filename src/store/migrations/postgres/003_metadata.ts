/**
 * What dsp learns about repositories and links (src/metadata), the last complete refresh round and
 * named leases (one refreshing process at a time, on the database clock). Never edit once shipped.
 */
export const sql = `
CREATE TABLE repo_metadata (
  repo text COLLATE "C" PRIMARY KEY,
  status text NOT NULL,
  facts text,
  etag text,
  status_since timestamptz NOT NULL,
  checked_at timestamptz NOT NULL,
  failures integer NOT NULL,
  last_error text
);
CREATE TABLE link_metadata (
  url text COLLATE "C" PRIMARY KEY,
  status text NOT NULL,
  http_status integer,
  location text,
  status_since timestamptz NOT NULL,
  checked_at timestamptz NOT NULL,
  gone_count integer NOT NULL,
  failures integer NOT NULL,
  last_error text
);
CREATE TABLE metadata_refresh (
  id integer PRIMARY KEY CHECK (id = 1),
  completed_at timestamptz NOT NULL,
  summary text NOT NULL
);
CREATE TABLE leases (
  name text PRIMARY KEY,
  holder text NOT NULL,
  expires_at timestamptz NOT NULL
);
`;
