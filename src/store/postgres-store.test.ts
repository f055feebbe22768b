import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { delivery, event } from "../../test/store-rows.ts";
import { describeOperatorStoreContract } from "../../test/operator-store-contract.ts";
import { describeStoreContract } from "../../test/store-contract.ts";
import { describeKeyHashContract } from "../../test/store-key-contract.ts";
import { useTestSchemas } from "../../test/postgres-schemas.ts";
import { openPostgresStore } from "./postgres-store.ts";
import { openStore } from "./open-store.ts";

const schemas = useTestSchemas();

describe.skipIf(!schemas)("postgres", () => {
  describeStoreContract("postgres", async () => {
    const store = openPostgresStore(await schemas!.create());
    await store.migrate();
    return store;
  });

  describeOperatorStoreContract("postgres", async () => {
    const url = await schemas!.create();
    const store = openPostgresStore(url);
    await store.migrate();
    return {
      store,
      async rowsIn(table) {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          const { rows } = await client.query<{ n: number }>(
            `SELECT count(*)::integer AS n FROM ${table}`,
          );
          return rows[0]?.n ?? 0;
        } finally {
          await client.end();
        }
      },
    };
  });

  describeKeyHashContract("postgres", {
    create: () => schemas!.create(),
    async open(url) {
      const store = openPostgresStore(url);
      await store.migrate();
      return store;
    },
    // every row of every table of the schema, as PostgreSQL writes it as text
    async dump(url) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ table_name: string }>(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()",
        );
        const texts = await Promise.all(
          rows.map(async ({ table_name }) => {
            const result = await client.query<{ row: string }>(
              `SELECT t::text AS row FROM "${table_name}" t`,
            );
            return result.rows.map((r) => r.row).join("\n");
          }),
        );
        return texts.join("\n");
      } finally {
        await client.end();
      }
    },
  });

  describe("several instances on one database", () => {
    it("migrates once when instances start together", async () => {
      const shared = await schemas!.create();
      const stores = await Promise.all(Array.from({ length: 4 }, () => openStore(shared)));
      try {
        const [first] = stores;
        expect((await first!.stats()).events).toBe(0);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    });

    it("wakes another instance through LISTEN/NOTIFY when a delivery is stored", async () => {
      const shared = await schemas!.create();
      const [a, b] = await Promise.all([openStore(shared), openStore(shared)]);
      try {
        let woken = 0;
        await b.watch(() => (woken += 1));
        await a.ingest({ event: event(), deliveries: [delivery()] });
        const deadline = Date.now() + 2_000;
        while (woken === 0 && Date.now() < deadline) await sleep(10);
        expect(woken).toBe(1);
        await a.ingest({ event: event(), deliveries: [] });
        await sleep(100);
        expect(woken).toBe(1);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it("stores one event for one dedupe key however many instances take it at once", async () => {
      const shared = await schemas!.create();
      const stores = await Promise.all(Array.from({ length: 4 }, () => openStore(shared)));
      try {
        const dedupe = { key: "tranid-7", expires_at: Date.parse("2025-01-02T00:00:00Z") };
        const results = await Promise.all(
          Array.from({ length: 16 }, (_, i) =>
            stores[i % 4]!.ingest({ event: event(), deliveries: [delivery()], dedupe }),
          ),
        );
        const firsts = results.filter((r) => !r.duplicate);
        expect(firsts).toHaveLength(1);
        expect(new Set(results.map((r) => r.event_id))).toEqual(new Set([firsts[0]!.event_id]));
        expect(await stores[0]!.stats()).toMatchObject({ events: 1, deliveries: { pending: 1 } });
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    });

    it("cancels a statement that waits past storage.statement_timeout, then works again", async () => {
      const shared = await schemas!.create();
      const store = openPostgresStore(shared, { statementTimeout: 300 });
      await store.migrate();
      const locker = new pg.Client({ connectionString: shared });
      await locker.connect();
      try {
        await locker.query("BEGIN");
        await locker.query("LOCK TABLE events IN ACCESS EXCLUSIVE MODE");
        const started = Date.now();
        await expect(store.ingest({ event: event(), deliveries: [] })).rejects.toThrow(
          /statement timeout/,
        );
        expect(Date.now() - started).toBeLessThan(3_000);
        await locker.query("ROLLBACK");
        const e = event();
        expect(await store.ingest({ event: e, deliveries: [] })).toEqual({
          duplicate: false,
          event_id: e.id,
        });
      } finally {
        await locker.end();
        await store.close();
      }
    });

    it("is not ready on a read-only database, which it can reach but not write", async () => {
      const shared = await schemas!.create();
      const writable = await openStore(shared);
      const parsed = new URL(shared);
      parsed.searchParams.set(
        "options",
        `${parsed.searchParams.get("options") ?? ""} -c default_transaction_read_only=on`,
      );
      const readOnly = openPostgresStore(parsed.toString());
      try {
        await expect(writable.ping()).resolves.toBeUndefined();
        await expect(readOnly.ping()).rejects.toThrow(
          "the database is read-only (transaction_read_only is on)",
        );
        // Refused either by PostgreSQL or before it: a store that cannot migrate has no key
        // to hash dedupe and order keys with.
        await expect(readOnly.ingest({ event: event(), deliveries: [] })).rejects.toThrow(
          /read-only transaction|not migrated/,
        );
      } finally {
        await Promise.all([writable.close(), readOnly.close()]);
      }
    });

    it("holds a target paused by one instance for the other", async () => {
      const shared = await schemas!.create();
      const [a, b] = await Promise.all([openStore(shared), openStore(shared)]);
      try {
        const at = Date.parse("2025-01-01T00:00:00Z");
        await a.ingest({
          event: event({}, at),
          deliveries: [delivery({ next_target: "bothelp" })],
        });
        await a.pauseTarget("bothelp", at + 5_000, "http_429");
        expect(await b.pausedTargets(at)).toEqual(new Map([["bothelp", at + 5_000]]));
        expect(await b.claim({ owner: "b", now: at, limit: 10, lease_ms: 1000 })).toEqual([]);
        expect(
          await b.claim({ owner: "b", now: at + 5_000, limit: 10, lease_ms: 1000 }),
        ).toHaveLength(1);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });
  });
});
