import pg from "pg";
import { describe, expect, it } from "vitest";
import { delivery, event, T0 } from "../../test/store-rows.ts";
import { useTestSchemas } from "../../test/postgres-schemas.ts";
import { createPostgresPool } from "./create-postgres-pool.ts";
import { insertPostgresEvents, preparePostgresIngest } from "./insert-postgres-events.ts";
import { openPostgresStore } from "./postgres-store.ts";
import type { IngestInput, Store } from "./store.ts";

const schemas = useTestSchemas();

/** A migrated store on a fresh schema, and a query on that schema. */
async function openFresh(): Promise<{
  store: Store;
  url: string;
  query: (sql: string) => Promise<unknown[]>;
}> {
  const url = await schemas!.create();
  const store = openPostgresStore(url);
  await store.migrate();
  const query = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<Record<string, unknown>>(sql)).rows;
    } finally {
      await client.end();
    }
  };
  return { store, url, query };
}

describe.skipIf(!schemas)("postgres ingests written together", () => {
  it("writes 60 events in one statement, each order key's deliveries in the given order", async () => {
    const { store, url, query } = await openFresh();
    const pool = createPostgresPool(url, {});
    try {
      const inputs: IngestInput[] = Array.from({ length: 60 }, (_, i) => ({
        event: event({ body: { i, text: "zero \u0000 byte", "\u0000": ["\u2028"] } }, T0 + i),
        deliveries: [delivery({ order_key: `customer-${i % 3}` }), delivery()],
        terms: [`term${i}`, "shared"],
      }));
      const results = await insertPostgresEvents(pool, inputs.map(preparePostgresIngest));
      expect(results).toEqual(inputs.map((i) => ({ duplicate: false, event_id: i.event.id })));
      expect(await store.stats()).toMatchObject({ events: 60, deliveries: { pending: 120 } });
      const rows = (await query(
        "SELECT e.body::text AS body FROM deliveries d JOIN events e ON e.id = d.event_id WHERE d.order_key IS NOT NULL ORDER BY d.seq",
      )) as { body: string }[];
      expect(rows.map((r) => (JSON.parse(r.body) as { i: number }).i)).toEqual(
        inputs.map((_, i) => i),
      );
      const [stored] = (await query(
        `SELECT body::text AS body FROM events WHERE id = '${inputs[7]!.event.id}'`,
      )) as { body: string }[];
      expect(JSON.parse(stored!.body)).toEqual(inputs[7]!.event.body);
      const terms = (await query("SELECT count(*)::integer AS n FROM event_terms")) as {
        n: number;
      }[];
      expect(terms[0]!.n).toBe(120);
    } finally {
      await pool.end();
      await store.close();
    }
  });

  it("writes no route snapshot for an event that is a repeat", async () => {
    const { store, url, query } = await openFresh();
    const pool = createPostgresPool(url, {});
    try {
      const dedupe = { key: "lead-1", expires_at: T0 + 60_000 };
      const first = { event: event(), deliveries: [delivery()], dedupe };
      const repeat = {
        event: event(),
        deliveries: [delivery({ route_snapshot: { id: "r-only-in-the-repeat", actions: [] } })],
        dedupe,
      };
      await insertPostgresEvents(pool, [preparePostgresIngest(first)]);
      const [result] = await insertPostgresEvents(pool, [preparePostgresIngest(repeat)]);
      expect(result).toEqual({ duplicate: true, event_id: first.event.id });
      expect(await query("SELECT snapshot::text AS s FROM route_snapshots")).toEqual([
        { s: JSON.stringify(first.deliveries[0]!.route_snapshot) },
      ]);
    } finally {
      await pool.end();
      await store.close();
    }
  });

  it("stores a burst of concurrent ingests through the store, each once", async () => {
    const { store } = await openFresh();
    try {
      const inputs: IngestInput[] = Array.from({ length: 40 }, () => ({
        event: event(),
        deliveries: [delivery({ order_key: "customer" })],
      }));
      const results = await Promise.all(inputs.map((input) => store.ingest(input)));
      expect(results).toEqual(inputs.map((i) => ({ duplicate: false, event_id: i.event.id })));
      expect(await store.stats()).toMatchObject({ events: 40, deliveries: { pending: 40 } });
    } finally {
      await store.close();
    }
  });

  it("makes one of two ingests with one dedupe key in a burst a repeat of the other", async () => {
    const { store } = await openFresh();
    try {
      const dedupe = { key: "lead-1", expires_at: T0 + 60_000 };
      const inputs: IngestInput[] = [
        { event: event(), deliveries: [delivery()] },
        { event: event(), deliveries: [delivery()], dedupe },
        { event: event(), deliveries: [delivery()], dedupe },
        { event: event(), deliveries: [delivery()] },
      ];
      const results = await Promise.all(inputs.map((input) => store.ingest(input)));
      // which of the two is first depends on which statement commits first
      const [a, b] = [results[1]!, results[2]!];
      expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
      expect(a.event_id).toBe(b.event_id);
      expect([results[0]!.duplicate, results[3]!.duplicate]).toEqual([false, false]);
      expect(await store.stats()).toMatchObject({ events: 3, deliveries: { pending: 3 } });
    } finally {
      await store.close();
    }
  });

  it("fails only the ingest that cannot be stored when a statement of several fails", async () => {
    const { store } = await openFresh();
    try {
      const twice = event();
      const inputs: IngestInput[] = [
        { event: event(), deliveries: [delivery()] },
        { event: twice, deliveries: [] },
        { event: event(), deliveries: [delivery()] },
        { event: twice, deliveries: [] },
        { event: event(), deliveries: [delivery()] },
      ];
      const settled = await Promise.allSettled(inputs.map((input) => store.ingest(input)));
      const status = settled.map((s) => s.status);
      expect([status[0], status[2], status[4]]).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
      expect([status[1], status[3]].sort()).toEqual(["fulfilled", "rejected"]);
      expect(await store.stats()).toMatchObject({ events: 4, deliveries: { pending: 3 } });
    } finally {
      await store.close();
    }
  });

  it("fails a statement of several that timed out at once, not once per event", async () => {
    const url = await schemas!.create();
    const store = openPostgresStore(url, { statementTimeout: 300 });
    await store.migrate();
    const locker = new pg.Client({ connectionString: url });
    await locker.connect();
    try {
      await locker.query("BEGIN");
      await locker.query("LOCK TABLE events IN ACCESS EXCLUSIVE MODE");
      const started = Date.now();
      const settled = await Promise.allSettled(
        Array.from({ length: 8 }, () => store.ingest({ event: event(), deliveries: [] })),
      );
      // 3 alone, then the other 5 in one statement: two timeouts, where 5 tried one by one
      // after the first would take 7
      expect(settled.map((s) => s.status)).toEqual(Array.from({ length: 8 }, () => "rejected"));
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      await locker.query("ROLLBACK");
      await locker.end();
      await store.close();
    }
  });
});
