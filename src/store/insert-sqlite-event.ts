import { hashRouteSnapshot } from "./hash-route-snapshot.ts";
import type { PreparedStatements } from "./prepare-cached.ts";
import type { DeliveryLease, IngestInput, IngestResult, NewDelivery } from "./store.ts";

/**
 * The SQLite ingest, run inside a group-commit transaction: a dedupe key stored for the source
 * and not expired makes the event a repeat (nothing written); otherwise the key is taken and the
 * event and its deliveries inserted. `input` arrives with its keys already hashed.
 */
export function insertSqliteEvent(
  statement: PreparedStatements,
  { event, deliveries, dedupe, terms = [], lease }: IngestInput,
): IngestResult {
  const now = Date.parse(event.received_at);
  if (dedupe) {
    const seen = statement(
      "SELECT event_id FROM dedupe_keys WHERE source = ? AND key = ? AND expires_at > ?",
    ).get(event.source, dedupe.key, now);
    if (seen) return { duplicate: true, event_id: seen.event_id as string };
    statement(
      "INSERT OR REPLACE INTO dedupe_keys (source, key, event_id, expires_at) VALUES (?, ?, ?, ?)",
    ).run(event.source, dedupe.key, event.id, dedupe.expires_at);
  }
  const termsJson = terms.length === 0 ? null : JSON.stringify(terms);
  statement(
    "INSERT INTO events (id, source, received_at, method, path, content_type, query, headers, body, terms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  ).run(
    event.id,
    event.source,
    now,
    event.method,
    event.path,
    event.content_type,
    JSON.stringify(event.query),
    JSON.stringify(event.headers),
    event.body === undefined ? null : JSON.stringify(event.body),
    termsJson,
  );
  // one statement for all of them: 15 runs of a one-row insert cost more than the rows
  if (termsJson !== null)
    statement(
      "INSERT OR IGNORE INTO event_terms (term, event_id) SELECT value, ? FROM json_each(?)",
    ).run(event.id, termsJson);
  const leased = insertSqliteDeliveries(statement, event.id, deliveries, now, lease);
  return { duplicate: false, event_id: event.id, ...(lease ? { leased } : {}) };
}

/**
 * Deliveries of a stored event, pending at `now`, each route snapshot stored once. With a
 * `lease`, those whose first target is not paused nor held in the store are stored running under
 * it instead; their ids are returned.
 */
export function insertSqliteDeliveries(
  statement: PreparedStatements,
  eventId: string,
  deliveries: readonly NewDelivery[],
  now: number,
  lease?: DeliveryLease,
): string[] {
  const leased: string[] = [];
  const held = statement(
    "SELECT EXISTS (SELECT 1 FROM target_pauses WHERE target = :t AND until > :now) OR EXISTS (SELECT 1 FROM target_holds WHERE target = :t AND (until IS NULL OR until > :now)) AS held",
  );
  const snapshot = statement(
    "INSERT OR IGNORE INTO route_snapshots (hash, snapshot) VALUES (?, ?)",
  );
  const insert = statement(
    "INSERT INTO deliveries (id, event_id, route_id, route_hash, status, lease_owner, next_attempt_at, order_key, next_target, created_at, updated_at, run_since) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  for (const d of deliveries) {
    const hash = hashRouteSnapshot(d.route_snapshot);
    snapshot.run(hash, JSON.stringify(d.route_snapshot));
    const take =
      lease !== undefined &&
      (d.next_target === null || held.get({ t: d.next_target, now })?.held === 0);
    if (take) leased.push(d.id);
    insert.run(
      d.id,
      eventId,
      d.route_id,
      hash,
      take ? "running" : "pending",
      take ? lease.owner : null,
      take ? lease.until : now,
      d.order_key,
      d.next_target,
      now,
      now,
      now,
    );
  }
  return leased;
}
