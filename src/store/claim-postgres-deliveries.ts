import type pg from "pg";
import { POSTGRES_DELIVERY_COLUMNS } from "./postgres-delivery-columns.ts";
import { alreadyParsed, readDeliveryRow, readEventRow } from "./read-rows.ts";
import type { ClaimedDelivery, Store } from "./store.ts";

/**
 * The PostgreSQL claim: locks due rows with FOR UPDATE SKIP LOCKED so concurrent instances never
 * take one delivery twice, leases them and returns each with its event, in one statement.
 */
export async function claimPostgresDeliveries(
  pool: pg.Pool,
  { owner, now, limit, lease_ms }: Parameters<Store["claim"]>[0],
): Promise<ClaimedDelivery[]> {
  const { rows: claimed } = await pool.query<Record<string, unknown>>({
    name: "botbridge_claim",
    text: `WITH due AS (
           SELECT d.seq FROM deliveries d
           WHERE d.status IN ('pending', 'running') AND d.next_attempt_at <= $2
             AND (d.order_key IS NULL OR NOT EXISTS (
               SELECT 1 FROM deliveries e WHERE e.order_key = d.order_key AND e.status IN ('pending', 'running') AND e.seq < d.seq))
             AND (d.next_target IS NULL OR d.next_target NOT IN (
               SELECT target FROM target_pauses WHERE until > $2
               UNION ALL SELECT target FROM target_holds WHERE until IS NULL OR until > $2))
           ORDER BY d.next_attempt_at, d.seq
           LIMIT $4
           FOR UPDATE OF d SKIP LOCKED)
         UPDATE deliveries d SET status = 'running', lease_owner = $1, next_attempt_at = $3, updated_at = $2
         FROM due, events ev
         WHERE d.seq = due.seq AND ev.id = d.event_id
         RETURNING ${POSTGRES_DELIVERY_COLUMNS}, ev.source AS ev_source, ev.received_at AS ev_received_at,
           ev.method AS ev_method, ev.path AS ev_path, ev.content_type AS ev_content_type,
           ev.query AS ev_query, ev.headers AS ev_headers, ev.body AS ev_body,
           (SELECT s.snapshot FROM route_snapshots s WHERE s.hash = d.route_hash) AS route_snapshot`,
    values: [owner, now, now + lease_ms, limit],
  });
  return claimed.map((row): ClaimedDelivery => ({
    ...readDeliveryRow(row, alreadyParsed),
    event: readEventRow(
      {
        id: row.event_id,
        source: row.ev_source,
        received_at: row.ev_received_at,
        method: row.ev_method,
        path: row.ev_path,
        content_type: row.ev_content_type,
        query: row.ev_query,
        headers: row.ev_headers,
        body: row.ev_body,
      },
      alreadyParsed,
    ),
    // a snapshot missing (never expected) fails the delivery as a route that does not compile
    route_snapshot: (row.route_snapshot ?? {}) as Record<string, unknown>,
    wait_since: row.wait_since as number | null,
    run_since: row.run_since as number,
  }));
}
