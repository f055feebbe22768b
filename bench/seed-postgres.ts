import pg from "pg";
import { openPostgresStore } from "../src/store/postgres-store.ts";
import { ingestOneEvent, type SeedOptions } from "./seed-store.ts";

/**
 * seedStore for PostgreSQL: one event through the real ingest path into the (empty) schema of
 * `url`, then SQL copies its rows `count - 1` times with new ids (a prep step, not measured).
 */
export async function seedPostgres(
  url: string,
  options: Omit<SeedOptions, "dbPath" | "status">,
): Promise<void> {
  const store = openPostgresStore(url);
  await store.migrate();
  const event = await ingestOneEvent(options, store).finally(() => store.close());
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO events (id, source, received_at, method, path, content_type, query, headers, body)
       SELECT left(t.id, 24) || lpad(n::text, 12, '0'), t.source, t.received_at, t.method, t.path, t.content_type, t.query, t.headers, t.body
       FROM events t, generate_series(1, $2::integer - 1) n WHERE t.id = $1`,
      [event.id, options.count],
    );
    await client.query(
      `INSERT INTO deliveries (id, event_id, route_id, route_hash, status, next_attempt_at, order_key, next_target, created_at, updated_at, run_since)
       SELECT left(d.id, 24) || lpad(n::text, 12, '0'), left(d.event_id, 24) || lpad(n::text, 12, '0'), d.route_id, d.route_hash,
         d.status, d.next_attempt_at, d.order_key, d.next_target, d.created_at, d.updated_at, d.run_since
       FROM deliveries d, generate_series(1, $2::integer - 1) n WHERE d.event_id = $1`,
      [event.id, options.count],
    );
    await client.query("COMMIT");
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}
