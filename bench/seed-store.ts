import { DatabaseSync } from "node:sqlite";
import { pino } from "pino";
import { createActions } from "../src/actions/actions.ts";
import { loadConfig } from "../src/config/load-config.ts";
import { acceptEvent } from "../src/ingest/accept-event.ts";
import { readEvent } from "../src/sources/read-event.ts";
import type { InboundEvent } from "../src/core/inbound-event.ts";
import { openSqliteStore } from "../src/store/sqlite-store.ts";
import type { Store } from "../src/store/store.ts";
import { ingestRulesOf } from "../src/config/slice-config.ts";

export interface SeedOptions {
  configPath: string;
  dbPath: string;
  source: string;
  body: string;
  /** Events to leave in the database, each with one delivery. */
  count: number;
  /** `pending` (due now: work for the dispatcher) or `succeeded` (history that only sits there). */
  status: "pending" | "succeeded";
}

const CHUNK = 100_000;

/** One bench event through the real ingest path (route selection, snapshot, store); returns it. */
export async function ingestOneEvent(
  options: Pick<SeedOptions, "configPath" | "source" | "body">,
  store: Store,
): Promise<InboundEvent> {
  const loaded = await loadConfig(options.configPath, { actions: createActions(), env: {} });
  if (!loaded.ok) throw new Error(`bench routes do not load: ${JSON.stringify(loaded.problems)}`);
  const event = await readEvent(
    {
      source: options.source,
      method: "POST",
      path: `/hooks/${options.source}`,
      query: "",
      headers: { "content-type": "application/json", host: "127.0.0.1" },
      raw: Buffer.from(options.body),
      remote_address: "127.0.0.1",
    },
    Date.now(),
    loaded.config.settings.server.depth_limit,
  );
  const { selection } = await acceptEvent(event, {
    rules: ingestRulesOf(loaded.config),
    store,
    log: pino({ level: "silent" }),
  });
  if (selection.matched.length !== 1) throw new Error("the bench event must match one route");
  return event;
}

/**
 * Fills a fresh database fast: one event goes through the real ingest path (route selection,
 * snapshot, store), then SQL copies its rows `count - 1` times with new ids, in large
 * transactions without fsync (a prep step, not what is measured).
 */
export async function seedStore(options: SeedOptions): Promise<void> {
  const store = openSqliteStore(`sqlite:${options.dbPath}`);
  await store.migrate();
  const event = await ingestOneEvent(options, store).finally(() => store.close());

  const db = new DatabaseSync(options.dbPath);
  // No journal and a large cache while seeding: each row is written once, straight to the file.
  db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;");
  const copyEvents =
    db.prepare(`INSERT INTO events (id, source, received_at, method, path, content_type, query, headers, body)
    WITH RECURSIVE n(i) AS (SELECT :from UNION ALL SELECT i + 1 FROM n WHERE i < :to)
    SELECT substr(t.id, 1, 24) || printf('%012d', n.i), t.source, t.received_at, t.method, t.path, t.content_type, t.query, t.headers, t.body
    FROM n, events t WHERE t.id = :event`);
  const copyDeliveries =
    db.prepare(`INSERT INTO deliveries (id, event_id, route_id, route_hash, status, next_attempt_at, attempts, next_action, outputs, order_key, next_target, created_at, updated_at, run_since)
    WITH RECURSIVE n(i) AS (SELECT :from UNION ALL SELECT i + 1 FROM n WHERE i < :to)
    SELECT substr(d.id, 1, 24) || printf('%012d', n.i), substr(d.event_id, 1, 24) || printf('%012d', n.i), d.route_id, d.route_hash,
      :status, d.next_attempt_at, d.attempts, CASE WHEN :status = 'succeeded' THEN 1 ELSE 0 END, d.outputs, d.order_key, d.next_target, d.created_at, d.updated_at, d.run_since
    FROM n, deliveries d WHERE d.event_id = :event`);
  db.prepare("UPDATE deliveries SET status = :status WHERE event_id = :event").run({
    status: options.status,
    event: event.id,
  });
  for (let from = 1; from < options.count; from += CHUNK) {
    const to = Math.min(options.count - 1, from + CHUNK - 1);
    db.exec("BEGIN");
    copyEvents.run({ from, to, event: event.id });
    copyDeliveries.run({ from, to, event: event.id, status: options.status });
    db.exec("COMMIT");
  }
  db.exec("PRAGMA journal_mode = WAL");
  db.close();
}
