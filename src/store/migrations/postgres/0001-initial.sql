-- Events, deliveries, attempts, dedupe keys and target pauses: the SQLite schema in PostgreSQL
-- types. Times are Unix milliseconds (bigint); JSON is stored as json, which keeps it as sent.

CREATE TABLE events (
  id           text PRIMARY KEY,
  source       text NOT NULL,
  received_at  bigint NOT NULL,
  method       text NOT NULL,
  path         text NOT NULL,
  content_type text,
  query        json NOT NULL,
  headers      json NOT NULL,
  body         json
);
CREATE INDEX events_received_at ON events (received_at);
CREATE INDEX events_source_received_at ON events (source, received_at);

CREATE TABLE deliveries (
  seq             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id              text NOT NULL UNIQUE,
  event_id        text NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  route_id        text NOT NULL,
  route_snapshot  json NOT NULL,
  status          text NOT NULL CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'cancelled')),
  -- pending: when it is due; running: when its lease ends (then it is due again)
  next_attempt_at bigint NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  next_action     integer NOT NULL DEFAULT 0,
  outputs         json NOT NULL DEFAULT '{}',
  order_key       text,
  next_target     text,
  lease_owner     text,
  last_error      text,
  wait_since      bigint,
  created_at      bigint NOT NULL,
  updated_at      bigint NOT NULL
);
CREATE INDEX deliveries_event ON deliveries (event_id);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at, seq) WHERE status IN ('pending', 'running');
CREATE INDEX deliveries_order ON deliveries (order_key, seq) WHERE status IN ('pending', 'running') AND order_key IS NOT NULL;
CREATE INDEX deliveries_lease_owner ON deliveries (lease_owner) WHERE status = 'running';
CREATE INDEX deliveries_status ON deliveries (status, seq);

CREATE TABLE attempts (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  delivery_id     text NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
  action_index    integer NOT NULL,
  action_type     text NOT NULL,
  target          text,
  started_at      bigint NOT NULL,
  duration_ms     integer NOT NULL,
  outcome         text NOT NULL,
  exchanges       json NOT NULL,
  response_status integer,
  response_body   text,
  error_code      text,
  error_message   text
);
CREATE INDEX attempts_delivery ON attempts (delivery_id);

CREATE TABLE dedupe_keys (
  source     text NOT NULL,
  key        text NOT NULL,
  event_id   text NOT NULL,
  expires_at bigint NOT NULL,
  PRIMARY KEY (source, key)
);
CREATE INDEX dedupe_keys_expires_at ON dedupe_keys (expires_at);

CREATE TABLE target_pauses (
  target text PRIMARY KEY,
  until  bigint NOT NULL,
  reason text NOT NULL
);
