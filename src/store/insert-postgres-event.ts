import type pg from "pg";
import { DUE_CHANNEL } from "./listen-for-deliveries.ts";
import { hashRouteSnapshot } from "./hash-route-snapshot.ts";
import type { IngestInput, IngestResult, NewDelivery } from "./store.ts";

/**
 * The PostgreSQL ingest, in one statement (one round trip, atomic). `input` arrives with its
 * keys already hashed.
 */
export async function insertPostgresEvent(
  pool: pg.Pool,
  { event, deliveries, dedupe, terms = [], lease }: IngestInput,
): Promise<IngestResult> {
  // One statement, one round trip, atomic: the dedupe key is taken (or, while unexpired, the
  // stored one kept: a concurrent ingest of the same key waits here for the first), and only
  // when it was ours are the event and its deliveries inserted and the instances notified.
  const {
    rows: [row],
  } = await pool.query<Record<string, unknown>>(
    `WITH kept AS (
           INSERT INTO dedupe_keys AS k (source, key, event_id, expires_at)
           SELECT $2, $10, $1, $11 WHERE $10::text IS NOT NULL
           ON CONFLICT (source, key) DO UPDATE SET
             event_id = CASE WHEN k.expires_at > $3 THEN k.event_id ELSE excluded.event_id END,
             expires_at = CASE WHEN k.expires_at > $3 THEN k.expires_at ELSE excluded.expires_at END
           RETURNING event_id),
         stored AS (
           INSERT INTO events (id, source, received_at, method, path, content_type, query, headers, body, terms)
           SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $14::text[]
           WHERE NOT EXISTS (SELECT 1 FROM kept WHERE kept.event_id <> $1)
           RETURNING id),
         termed AS (
           INSERT INTO event_terms (term, event_id) SELECT t, stored.id FROM stored, unnest($14::text[]) AS t
           ON CONFLICT DO NOTHING),
         snapshots AS (
           INSERT INTO route_snapshots (hash, snapshot)
           SELECT DISTINCT ON (x.hash) x.hash, x.snapshot FROM stored, json_to_recordset($12::json) AS x(hash text, snapshot json)
           ON CONFLICT (hash) DO NOTHING),
         incoming AS (
           SELECT x.*, $15::text IS NOT NULL AND (x.next_target IS NULL OR NOT EXISTS (
               SELECT 1 FROM target_pauses p WHERE p.target = x.next_target AND p.until > $3
               UNION ALL SELECT 1 FROM target_holds h WHERE h.target = x.next_target AND (h.until IS NULL OR h.until > $3))) AS take
           FROM json_to_recordset($12::json) AS x(id text, route_id text, hash text, order_key text, next_target text)),
         queued AS (
           INSERT INTO deliveries (id, event_id, route_id, route_hash, status, lease_owner, next_attempt_at, order_key, next_target, created_at, updated_at, run_since)
           SELECT x.id, stored.id, x.route_id, x.hash, CASE WHEN x.take THEN 'running' ELSE 'pending' END,
             CASE WHEN x.take THEN $15 END, CASE WHEN x.take THEN $16::bigint ELSE $3 END,
             x.order_key, x.next_target, $3, $3, $3
           FROM stored, incoming x
           RETURNING id, status)
         SELECT (SELECT event_id FROM kept) AS kept,
           (SELECT array_agg(id) FROM queued WHERE status = 'running') AS leased,
           (SELECT count(*) FROM (SELECT pg_notify($13, current_schema()) FROM queued WHERE status = 'pending' LIMIT 1) n) AS notified`,
    [
      event.id,
      event.source,
      Date.parse(event.received_at),
      event.method,
      event.path,
      event.content_type,
      JSON.stringify(event.query),
      JSON.stringify(event.headers),
      event.body === undefined ? null : JSON.stringify(event.body),
      dedupe?.key ?? null,
      dedupe?.expires_at ?? null,
      deliveriesJson(deliveries),
      DUE_CHANNEL,
      terms.length === 0 ? null : terms,
      lease?.owner ?? null,
      lease?.until ?? null,
    ],
  );
  const kept = row?.kept as string | null | undefined;
  if (kept && kept !== event.id) return { duplicate: true, event_id: kept };
  const leased = (row?.leased as string[] | null | undefined) ?? [];
  return { duplicate: false, event_id: event.id, ...(lease ? { leased } : {}) };
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
    [eventId, deliveriesJson(deliveries), now, DUE_CHANNEL],
  );
}

/** The deliveries as the recordset the statements read: each snapshot with its hash. */
function deliveriesJson(deliveries: readonly NewDelivery[]): string {
  return JSON.stringify(
    deliveries.map((d) => ({
      id: d.id,
      route_id: d.route_id,
      hash: hashRouteSnapshot(d.route_snapshot),
      snapshot: d.route_snapshot,
      order_key: d.order_key,
      next_target: d.next_target,
    })),
  );
}
