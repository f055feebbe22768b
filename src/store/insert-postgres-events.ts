import type pg from "pg";
import { DUE_CHANNEL } from "./listen-for-deliveries.ts";
import { hashRouteSnapshot } from "./hash-route-snapshot.ts";
import type { IngestInput, IngestResult, NewDelivery } from "./store.ts";

/**
 * The PostgreSQL ingest of several events in one statement (one round trip, one commit, atomic
 * for all of them). `inputs` arrive with their keys already hashed, and no two share a dedupe key
 * (one statement cannot take a key twice). Results are in the order of `inputs`.
 */
export async function insertPostgresEvents(
  pool: pg.Pool,
  ingests: readonly PreparedIngest[],
): Promise<IngestResult[]> {
  const inputs = ingests.map((i) => i.input);
  // Each dedupe key is taken (or, while unexpired at its event's receipt, the stored one kept: a
  // concurrent ingest of the same key waits here for the first), and only events whose key was
  // theirs are inserted with their deliveries; idle instances are notified of pending ones.
  // Deliveries are inserted in the order given (seq orders an order key's deliveries); keys and
  // snapshots in sorted order, so two instances' statements never wait for each other in a circle.
  const { rows } = await pool.query<Record<string, unknown>>({
    name: "botbridge_ingest",
    text: `WITH e AS (
           SELECT * FROM json_to_recordset($1::json) AS e(id text, source text, received_at bigint,
             method text, path text, content_type text, query text, headers text, body text,
             dedupe_key text, dedupe_expires bigint, terms text[], lease_owner text, lease_until bigint)),
         kept AS (
           INSERT INTO dedupe_keys AS k (source, key, event_id, expires_at)
           SELECT e.source, e.dedupe_key, e.id, e.dedupe_expires FROM e WHERE e.dedupe_key IS NOT NULL
           ORDER BY e.source, e.dedupe_key
           ON CONFLICT (source, key) DO UPDATE SET
             event_id = CASE WHEN k.expires_at > (SELECT e.received_at FROM e WHERE e.id = excluded.event_id)
               THEN k.event_id ELSE excluded.event_id END,
             expires_at = CASE WHEN k.expires_at > (SELECT e.received_at FROM e WHERE e.id = excluded.event_id)
               THEN k.expires_at ELSE excluded.expires_at END
           RETURNING k.source, k.key, k.event_id),
         stored AS (
           INSERT INTO events (id, source, received_at, method, path, content_type, query, headers, body, terms)
           SELECT e.id, e.source, e.received_at, e.method, e.path, e.content_type, e.query::json,
             e.headers::json, e.body::json, e.terms
           FROM e WHERE NOT EXISTS (
             SELECT 1 FROM kept WHERE kept.source = e.source AND kept.key = e.dedupe_key AND kept.event_id <> e.id)
           RETURNING id, terms),
         termed AS (
           INSERT INTO event_terms (term, event_id) SELECT t, stored.id FROM stored, unnest(stored.terms) AS t
           ON CONFLICT DO NOTHING),
         incoming AS (
           SELECT x.*, e.received_at, e.lease_owner, e.lease_until,
             e.lease_owner IS NOT NULL AND (x.next_target IS NULL OR NOT EXISTS (
               SELECT 1 FROM target_pauses p WHERE p.target = x.next_target AND p.until > e.received_at
               UNION ALL SELECT 1 FROM target_holds h WHERE h.target = x.next_target AND (h.until IS NULL OR h.until > e.received_at))) AS take
           FROM json_to_recordset($3::json)
               AS x(id text, event_id text, route_id text, hash text, order_key text, next_target text, n bigint)
             JOIN stored ON stored.id = x.event_id JOIN e ON e.id = x.event_id),
         snapshots AS (
           INSERT INTO route_snapshots (hash, snapshot)
           SELECT s.hash, s.snapshot FROM json_to_recordset($2::json) AS s(hash text, snapshot json)
           WHERE s.hash IN (SELECT incoming.hash FROM incoming) ORDER BY s.hash
           ON CONFLICT (hash) DO NOTHING),
         queued AS (
           INSERT INTO deliveries (id, event_id, route_id, route_hash, status, lease_owner, next_attempt_at, order_key, next_target, created_at, updated_at, run_since)
           SELECT x.id, x.event_id, x.route_id, x.hash, CASE WHEN x.take THEN 'running' ELSE 'pending' END,
             CASE WHEN x.take THEN x.lease_owner END, CASE WHEN x.take THEN x.lease_until ELSE x.received_at END,
             x.order_key, x.next_target, x.received_at, x.received_at, x.received_at
           FROM incoming x ORDER BY x.n
           RETURNING id, event_id, status),
         leased AS (
           SELECT event_id, array_agg(id) AS ids FROM queued WHERE status = 'running' GROUP BY event_id)
         SELECT e.id, kept.event_id AS kept, leased.ids AS leased,
           (SELECT count(*) FROM (SELECT pg_notify($4, current_schema()) FROM queued WHERE status = 'pending' LIMIT 1) n) AS notified
         FROM e LEFT JOIN kept ON kept.source = e.source AND kept.key = e.dedupe_key
           LEFT JOIN leased ON leased.event_id = e.id`,
    values: [
      `[${ingests.map((i) => i.row).join(",")}]`,
      snapshotsJson(inputs),
      deliveriesJson(inputs),
      DUE_CHANNEL,
    ],
  });
  const byId = new Map(rows.map((row) => [row.id as string, row]));
  return inputs.map(({ event, lease }): IngestResult => {
    const row = byId.get(event.id);
    const kept = row?.kept as string | null | undefined;
    if (kept && kept !== event.id) return { duplicate: true, event_id: kept };
    const leased = (row?.leased as string[] | null | undefined) ?? [];
    return { duplicate: false, event_id: event.id, ...(lease ? { leased } : {}) };
  });
}

/** An ingest with its events row as the statement reads it ($1): JSON columns as their text. */
export interface PreparedIngest {
  input: IngestInput;
  /** The JSON of the row; its length is what the ingest weighs in a statement. */
  row: string;
}

/** Serializes an ingest's events row once, when it is queued. */
export function preparePostgresIngest(input: IngestInput): PreparedIngest {
  const { event, dedupe, terms = [], lease } = input;
  const row = JSON.stringify({
    id: event.id,
    source: event.source,
    received_at: Date.parse(event.received_at),
    method: event.method,
    path: event.path,
    content_type: event.content_type,
    query: JSON.stringify(event.query),
    headers: JSON.stringify(event.headers),
    body: event.body === undefined ? null : JSON.stringify(event.body),
    dedupe_key: dedupe?.key ?? null,
    dedupe_expires: dedupe?.expires_at ?? null,
    terms: terms.length === 0 ? null : terms,
    lease_owner: lease?.owner ?? null,
    lease_until: lease?.until ?? null,
  });
  return { input, row };
}

/** Each route snapshot the deliveries name, once, with its hash ($2). */
function snapshotsJson(inputs: readonly IngestInput[]): string {
  const byHash = new Map<string, Record<string, unknown>>();
  for (const { deliveries } of inputs)
    for (const d of deliveries) byHash.set(hashRouteSnapshot(d.route_snapshot), d.route_snapshot);
  return JSON.stringify([...byHash].map(([hash, snapshot]) => ({ hash, snapshot })));
}

/** The deliveries of every event, numbered in order ($3). */
function deliveriesJson(inputs: readonly IngestInput[]): string {
  const rows = inputs.flatMap(({ event, deliveries }) =>
    deliveries.map((d) => ({ ...deliveryRow(d), event_id: event.id })),
  );
  return JSON.stringify(rows.map((row, n) => ({ ...row, n })));
}

/** A delivery's columns as the statements read them. */
function deliveryRow(d: NewDelivery) {
  return {
    id: d.id,
    route_id: d.route_id,
    hash: hashRouteSnapshot(d.route_snapshot),
    order_key: d.order_key,
    next_target: d.next_target,
  };
}

/** New deliveries of a stored event (a replay), pending at `now`; instances are woken. */
export async function insertPostgresDeliveries(
  pool: pg.Pool,
  eventId: string,
  deliveries: readonly NewDelivery[],
  now: number,
): Promise<void> {
  if (deliveries.length === 0) return;
  await pool.query(
    `WITH x AS (
           SELECT * FROM json_to_recordset($2::json)
             AS x(id text, route_id text, hash text, snapshot json, order_key text, next_target text)),
         snapshots AS (
           INSERT INTO route_snapshots (hash, snapshot) SELECT DISTINCT ON (x.hash) x.hash, x.snapshot FROM x
           ON CONFLICT (hash) DO NOTHING),
         queued AS (
           INSERT INTO deliveries (id, event_id, route_id, route_hash, status, next_attempt_at, order_key, next_target, created_at, updated_at, run_since)
           SELECT x.id, $1, x.route_id, x.hash, 'pending', $3, x.order_key, x.next_target, $3, $3, $3 FROM x
           RETURNING 1)
         SELECT pg_notify($4, current_schema()) FROM queued LIMIT 1`,
    [
      eventId,
      JSON.stringify(deliveries.map((d) => ({ ...deliveryRow(d), snapshot: d.route_snapshot }))),
      now,
      DUE_CHANNEL,
    ],
  );
}
