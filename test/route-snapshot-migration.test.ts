import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { hashRouteSnapshot } from "../src/store/hash-route-snapshot.ts";
import { openPostgresStore } from "../src/store/postgres-store.ts";
import { readMigrations } from "../src/store/read-migrations.ts";
import { openSqliteStore } from "../src/store/sqlite-store.ts";
import type { Store } from "../src/store/store.ts";
import { useTestSchemas } from "./postgres-schemas.ts";
import { LEASE, T0 } from "./store-rows.ts";

/**
 * A database written before the operator migrations, with a JSON copy of the route in every
 * delivery: migrating moves each distinct snapshot into route_snapshots once, under the hash new
 * ingests use, and every delivery still runs its own route.
 */
const ROUTE_A = { id: "a", actions: [{ type: "http.request", target: "t" }], when: "x" };
// the same route with its keys in another order: one snapshot
const ROUTE_A_AGAIN = { when: "x", actions: [{ target: "t", type: "http.request" }], id: "a" };
const ROUTE_B = { id: "b", actions: [] };
const OLD_ROWS = [ROUTE_A, ROUTE_A_AGAIN, ROUTE_B].map((snapshot, i) => ({
  id: `d${i}`,
  snapshot: JSON.stringify(snapshot),
}));

async function expectMoved(store: Store, rowsIn: (sql: string) => Promise<unknown[]>) {
  expect(await rowsIn("SELECT hash FROM route_snapshots ORDER BY hash")).toEqual(
    [hashRouteSnapshot(ROUTE_A), hashRouteSnapshot(ROUTE_B)].sort().map((hash) => ({ hash })),
  );
  const claimed = await store.claim({ owner: "w", now: T0 + 10, limit: 10, lease_ms: LEASE });
  expect(claimed.map((c) => [c.id, c.route_snapshot, c.run_since])).toEqual([
    ["d0", ROUTE_A, T0],
    ["d1", ROUTE_A, T0],
    ["d2", ROUTE_B, T0],
  ]);
}

const EVENT = `'e1', 'tilda', ${T0}, 'POST', '/hooks/tilda', NULL, '{}', '{}', NULL`;
const deliveryValues = (d: { id: string; snapshot: string }, i: number) =>
  `('${d.id}', 'e1', 'r', '${d.snapshot}', 'pending', ${T0 + i}, ${T0}, ${T0})`;
const INSERT_OLD = `INSERT INTO events VALUES (${EVENT});
  INSERT INTO deliveries (id, event_id, route_id, route_snapshot, status, next_attempt_at, created_at, updated_at)
  VALUES ${OLD_ROWS.map(deliveryValues).join(", ")};`;

describe("migrating deliveries that carry their route snapshot", () => {
  it("sqlite", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "botbridge-")), "old.db");
    const db = new DatabaseSync(path);
    db.exec(
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
    );
    const migrations = await readMigrations(
      new URL("../src/store/migrations/sqlite/", import.meta.url),
    );
    for (const m of migrations.filter((m) => m.version <= 3)) {
      db.exec(m.sql);
      db.prepare("INSERT INTO schema_migrations VALUES (?, ?, 0)").run(m.version, m.name);
    }
    db.exec(INSERT_OLD);
    db.close();
    const store = openSqliteStore(`sqlite:${path}`);
    await store.migrate();
    try {
      const reader = new DatabaseSync(path, { readOnly: true });
      await expectMoved(store, (sql) =>
        Promise.resolve(
          reader
            .prepare(sql)
            .all()
            .map((r) => ({ ...r })),
        ),
      );
      reader.close();
    } finally {
      await store.close();
    }
  });

  const schemas = useTestSchemas();
  it.skipIf(!schemas)("postgres", async () => {
    const url = await schemas!.create();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const store = openPostgresStore(url);
    try {
      await client.query(
        "CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)",
      );
      const migrations = await readMigrations(
        new URL("../src/store/migrations/postgres/", import.meta.url),
      );
      for (const m of migrations.filter((m) => m.version <= 2)) {
        await client.query(m.sql);
        await client.query("INSERT INTO schema_migrations VALUES ($1, $2, 0)", [m.version, m.name]);
      }
      await client.query(INSERT_OLD);
      await store.migrate();
      await expectMoved(
        store,
        async (sql) => (await client.query<Record<string, unknown>>(sql)).rows,
      );
    } finally {
      await client.end();
      await store.close();
    }
  });
});
