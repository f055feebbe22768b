import type { PreparedStatements } from "./prepare-cached.ts";
import type { IngestInput, IngestResult } from "./store.ts";

/**
 * The SQLite ingest, run inside a group-commit transaction: a dedupe key stored for the source
 * and not expired makes the event a repeat (nothing written); otherwise the key is taken and the
 * event and its deliveries inserted. `input` arrives with its keys already hashed.
 */
export function insertSqliteEvent(
  statement: PreparedStatements,
  { event, deliveries, dedupe }: IngestInput,
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
  statement(
    "INSERT INTO events (id, source, received_at, method, path, content_type, query, headers, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
  );
  const insert = statement(
    "INSERT INTO deliveries (id, event_id, route_id, route_snapshot, status, next_attempt_at, order_key, next_target, created_at, updated_at) VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?)",
  );
  for (const d of deliveries) {
    insert.run(
      d.id,
      event.id,
      d.route_id,
      JSON.stringify(d.route_snapshot),
      now,
      d.order_key,
      d.next_target,
      now,
      now,
    );
  }
  return { duplicate: false, event_id: event.id };
}
