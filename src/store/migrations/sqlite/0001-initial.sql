-- Events, deliveries, attempts, dedupe keys and target pauses.
-- Times are Unix milliseconds; JSON is stored as TEXT.

CREATE TABLE events (
  id           TEXT PRIMARY KEY,
  source       TEXT NOT NULL,
  received_at  INTEGER NOT NULL,
  method       TEXT NOT NULL,
  path         TEXT NOT NULL,
  content_type TEXT,
  query        TEXT NOT NULL,
  headers      TEXT NOT NULL,
  body         TEXT
);
CREATE INDEX events_received_at ON events (received_at);
CREATE INDEX events_source_received_at ON events (source, received_at);

CREATE TABLE deliveries (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  id              TEXT NOT NULL UNIQUE,
  event_id        TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  route_id        TEXT NOT NULL,
  route_snapshot  TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'cancelled')),
  -- pending: when it is due; running: when its lease ends (then it is due again)
  next_attempt_at INTEGER NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_action     INTEGER NOT NULL DEFAULT 0,
  outputs         TEXT NOT NULL DEFAULT '{}',
  order_key       TEXT,
  next_target     TEXT,
  lease_owner     TEXT,
  last_error      TEXT,
  wait_since      INTEGER,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE INDEX deliveries_event ON deliveries (event_id);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status IN ('pending', 'running');
CREATE INDEX deliveries_order ON deliveries (order_key, seq) WHERE status IN ('pending', 'running') AND order_key IS NOT NULL;
CREATE INDEX deliveries_lease_owner ON deliveries (lease_owner) WHERE status = 'running';
CREATE INDEX deliveries_status ON deliveries (status, seq);

CREATE TABLE attempts (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  delivery_id     TEXT NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
  action_index    INTEGER NOT NULL,
  action_type     TEXT NOT NULL,
  target          TEXT,
  started_at      INTEGER NOT NULL,
  duration_ms     INTEGER NOT NULL,
  outcome         TEXT NOT NULL,
  exchanges       TEXT NOT NULL,
  response_status INTEGER,
  response_body   TEXT,
  error_code      TEXT,
  error_message   TEXT
);
CREATE INDEX attempts_delivery ON attempts (delivery_id);

CREATE TABLE dedupe_keys (
  source     TEXT NOT NULL,
  key        TEXT NOT NULL,
  event_id   TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (source, key)
) WITHOUT ROWID;
CREATE INDEX dedupe_keys_expires_at ON dedupe_keys (expires_at);

CREATE TABLE target_pauses (
  target TEXT PRIMARY KEY,
  until  INTEGER NOT NULL,
  reason TEXT NOT NULL
) WITHOUT ROWID;
