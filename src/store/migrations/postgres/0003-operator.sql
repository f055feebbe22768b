-- The operator API's tables and indexes (issue 13); the SQLite 0004 migration in PostgreSQL types.

-- Route snapshots stored once per distinct route, under the SHA-256 of their canonical JSON
-- (hash-route-snapshot.ts). After this file, move-postgres-route-snapshots.ts fills them from
-- the deliveries' copies, and 0004 drops the copies.
CREATE TABLE route_snapshots (
  hash     text PRIMARY KEY,
  snapshot json NOT NULL
);
ALTER TABLE deliveries ADD COLUMN route_hash text;

-- Since when a delivery runs: its creation, or an operator's retry (max_age counts from here).
ALTER TABLE deliveries ADD COLUMN run_since bigint NOT NULL DEFAULT 0;
UPDATE deliveries SET run_since = created_at;

-- Lists: events newest first by id (a UUIDv7 of received_at), by source; deliveries newest
-- first (seq) by route, by next target, by error code (only deliveries with an error).
DROP INDEX events_source_received_at;
CREATE INDEX events_source_id ON events (source, id);
CREATE INDEX deliveries_route ON deliveries (route_id, seq);
CREATE INDEX deliveries_target ON deliveries (next_target, seq);
CREATE INDEX deliveries_error_code ON deliveries (split_part(last_error, ':', 1), seq)
  WHERE last_error IS NOT NULL;
-- A target's last success and failure (GET /targets): the newest attempt of each outcome.
CREATE INDEX attempts_target ON attempts (target, outcome, started_at) WHERE target IS NOT NULL;

-- Search: every term of an event's stored request (extract-search-terms.ts). Event ids sort by
-- time, so one term's events are walked newest first straight from this key. The event keeps
-- its terms too, so the purge deletes exactly its rows without a second index.
ALTER TABLE events ADD COLUMN terms text[];
CREATE TABLE event_terms (
  term     text NOT NULL,
  event_id text NOT NULL,
  PRIMARY KEY (term, event_id)
);

-- A pause by hand or for refused credentials; until NULL: until resumed.
CREATE TABLE target_holds (
  target  text PRIMARY KEY,
  cause   text NOT NULL,
  until   bigint,
  reason  text NOT NULL,
  held_by text NOT NULL,
  held_at bigint NOT NULL
);

CREATE TABLE audit (
  id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at      bigint NOT NULL,
  actor   text NOT NULL,
  action  text NOT NULL,
  subject text NOT NULL,
  details json NOT NULL
);

-- Bulk retries and cancels running in the background.
CREATE TABLE operations (
  id         text PRIMARY KEY,
  kind       text NOT NULL,
  filter     json NOT NULL,
  actor      text NOT NULL,
  status     text NOT NULL,
  total      integer NOT NULL,
  done       integer NOT NULL DEFAULT 0,
  changed    integer NOT NULL DEFAULT 0,
  error      text,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);
