-- The operator API's tables and indexes (issue 13).

-- Route snapshots stored once per distinct route, under the SHA-256 of their canonical JSON
-- (hash-route-snapshot.ts; the store registers it as botbridge_route_hash for this move).
CREATE TABLE route_snapshots (
  hash     TEXT PRIMARY KEY,
  snapshot TEXT NOT NULL
) WITHOUT ROWID;
INSERT OR IGNORE INTO route_snapshots (hash, snapshot)
  SELECT botbridge_route_hash(route_snapshot), route_snapshot FROM deliveries;
ALTER TABLE deliveries ADD COLUMN route_hash TEXT NOT NULL DEFAULT '';
UPDATE deliveries SET route_hash = botbridge_route_hash(route_snapshot);
ALTER TABLE deliveries DROP COLUMN route_snapshot;

-- Since when a delivery runs: its creation, or an operator's retry (max_age counts from here).
ALTER TABLE deliveries ADD COLUMN run_since INTEGER NOT NULL DEFAULT 0;
UPDATE deliveries SET run_since = created_at;

-- Lists: events newest first by id (a UUIDv7 of received_at), by source; deliveries newest
-- first (seq) by route, by next target, by error code (only deliveries with an error).
DROP INDEX events_source_received_at;
CREATE INDEX events_source_id ON events (source, id);
CREATE INDEX deliveries_route ON deliveries (route_id, seq);
CREATE INDEX deliveries_target ON deliveries (next_target, seq);
CREATE INDEX deliveries_error_code ON deliveries (substr(last_error, 1, instr(last_error, ':') - 1), seq)
  WHERE last_error IS NOT NULL;
-- A target's last success and failure (GET /targets): the newest attempt of each outcome.
CREATE INDEX attempts_target ON attempts (target, outcome, started_at) WHERE target IS NOT NULL;

-- Search: every term of an event's stored request (extract-search-terms.ts). Event ids sort by
-- time, so one term's events are walked newest first straight from this key. The event keeps
-- its terms (a JSON array) too, so the purge deletes exactly its rows without a second index.
ALTER TABLE events ADD COLUMN terms TEXT;
CREATE TABLE event_terms (
  term     TEXT NOT NULL,
  event_id TEXT NOT NULL,
  PRIMARY KEY (term, event_id)
) WITHOUT ROWID;

-- A pause by hand or for refused credentials; until NULL: until resumed.
CREATE TABLE target_holds (
  target  TEXT PRIMARY KEY,
  cause   TEXT NOT NULL,
  until   INTEGER,
  reason  TEXT NOT NULL,
  held_by TEXT NOT NULL,
  held_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE audit (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  at      INTEGER NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  subject TEXT NOT NULL,
  details TEXT NOT NULL
);

-- Bulk retries and cancels running in the background.
CREATE TABLE operations (
  id         TEXT PRIMARY KEY,
  kind       TEXT NOT NULL,
  filter     TEXT NOT NULL,
  actor      TEXT NOT NULL,
  status     TEXT NOT NULL,
  total      INTEGER NOT NULL,
  done       INTEGER NOT NULL DEFAULT 0,
  changed    INTEGER NOT NULL DEFAULT 0,
  error      TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;
