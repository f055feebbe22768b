import type pg from "pg";
import { DUE_CHANNEL } from "./listen-for-deliveries.ts";
import type { IngestInput, IngestResult } from "./store.ts";

/**
 * The PostgreSQL ingest, in one statement (one round trip, atomic). `input` arrives with its
 * keys already hashed.
 */
export async function insertPostgresEvent(
  pool: pg.Pool,
  { event, deliveries, dedupe }: IngestInput,
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
           INSERT INTO events (id, source, received_at, method, path, content_type, query, headers, body)
           SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9
           WHERE NOT EXISTS (SELECT 1 FROM kept WHERE kept.event_id <> $1)
           RETURNING id),
         queued AS (
           INSERT INTO deliveries (id, event_id, route_id, route_snapshot, status, next_attempt_at, order_key, next_target, created_at, updated_at)
           SELECT x.id, stored.id, x.route_id, x.route_snapshot, 'pending', $3, x.order_key, x.next_target, $3, $3
           FROM stored, json_to_recordset($12::json) AS x(id text, route_id text, route_snapshot json, order_key text, next_target text)
           RETURNING 1)
         SELECT (SELECT event_id FROM kept) AS kept,
           (SELECT count(*) FROM (SELECT pg_notify($13, current_schema()) FROM queued LIMIT 1) n) AS notified`,
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
      JSON.stringify(deliveries),
      DUE_CHANNEL,
    ],
  );
  const kept = row?.kept as string | null | undefined;
  return kept && kept !== event.id
    ? { duplicate: true, event_id: kept }
    : { duplicate: false, event_id: event.id };
}
