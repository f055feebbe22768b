import type { GroupCommit } from "./group-commit.ts";
import type { PreparedStatements } from "./prepare-cached.ts";
import { parseJsonText, readDeliveryRow, readEventRow } from "./read-rows.ts";
import { SQLITE_DELIVERY_COLUMNS } from "./sqlite-delivery-columns.ts";
import type { ClaimedDelivery, Store } from "./store.ts";

/**
 * The SQLite claim: leases due deliveries (never one behind an unfinished delivery of its order
 * key, nor one whose next target is paused) in one UPDATE ... RETURNING, then reads their events.
 */
export async function claimSqliteDeliveries(
  writes: GroupCommit,
  statement: PreparedStatements,
  { owner, now, limit, lease_ms }: Parameters<Store["claim"]>[0],
): Promise<ClaimedDelivery[]> {
  const rows = await writes.run(
    () =>
      statement(`UPDATE deliveries SET status = 'running', lease_owner = :owner, next_attempt_at = :lease_until, updated_at = :now
          WHERE seq IN (
            SELECT d.seq FROM deliveries d INDEXED BY deliveries_due
            WHERE d.status IN ('pending', 'running') AND d.next_attempt_at <= :now
              AND (d.order_key IS NULL OR NOT EXISTS (
                SELECT 1 FROM deliveries e WHERE e.order_key = d.order_key AND e.status IN ('pending', 'running') AND e.seq < d.seq))
              AND (d.next_target IS NULL OR d.next_target NOT IN (
                SELECT target FROM target_pauses WHERE until > :now
                UNION ALL SELECT target FROM target_holds WHERE until IS NULL OR until > :now))
            ORDER BY d.next_attempt_at, d.seq
            LIMIT :limit)
          RETURNING ${SQLITE_DELIVERY_COLUMNS}`).all({
        owner,
        now,
        lease_until: now + lease_ms,
        limit,
      }),
    // A lease lost to a power cut only lets the delivery be claimed again: no fsync needed.
    { durable: false },
  );
  if (rows.length === 0) return [];
  const eventIds = [...new Set(rows.map((r) => r.event_id as string))];
  const events = new Map(
    statement("SELECT * FROM events WHERE id IN (SELECT value FROM json_each(?))")
      .all(JSON.stringify(eventIds))
      .map((r) => [r.id as string, readEventRow(r, parseJsonText)]),
  );
  const hashes = [...new Set(rows.map((r) => r.route_hash as string))];
  const snapshots = new Map(
    statement(
      "SELECT hash, snapshot FROM route_snapshots WHERE hash IN (SELECT value FROM json_each(?))",
    )
      .all(JSON.stringify(hashes))
      .map((r) => [r.hash as string, r.snapshot as string]),
  );
  return rows.flatMap((row): ClaimedDelivery[] => {
    const event = events.get(row.event_id as string);
    if (!event) return [];
    const d = readDeliveryRow(row, parseJsonText);
    return [
      {
        ...d,
        event,
        // a snapshot missing (never expected) fails the delivery as a route that does not compile
        route_snapshot: JSON.parse(snapshots.get(row.route_hash as string) ?? "{}") as Record<
          string,
          unknown
        >,
        wait_since: row.wait_since as number | null,
        run_since: row.run_since as number,
      },
    ];
  });
}
