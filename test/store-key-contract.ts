import { describe, expect, it } from "vitest";
import type { Store } from "../src/store/store.ts";
import { delivery, event } from "./store-rows.ts";

const T0 = Date.parse("2025-01-01T00:00:00Z");
const RAW = "ivan.petrov@example.com";
/** The event as storage.redact leaves it: the key's field masked. */
const redacted = (at = T0) => event({ body: { email: "[redacted]" } }, at);

/** Where a store keeps its data, for tests that open several stores on one database. */
export interface StorePlace {
  /** A new, empty database; returns where it is. */
  create(): Promise<string>;
  /** A migrated store on that database: another instance, or the same one after a restart. */
  open(where: string): Promise<Store>;
  /** Everything the database holds, as text (its files' bytes, or every row of every table). */
  dump(where: string): Promise<string>;
}

/**
 * Dedupe and order keys are stored as keyed hashes (a key may be built from a field that
 * storage.redact masks): the raw value is nowhere in the database, and duplicates and ordering
 * work as before, across instances and restarts, since the key lives in the database.
 */
export function describeKeyHashContract(name: string, place: StorePlace): void {
  describe(`${name} store: dedupe and order keys as keyed hashes`, () => {
    it("finds a repeat of a hashed dedupe key on another instance and after a restart; the raw key is nowhere", async () => {
      const where = await place.create();
      const [a, b] = [await place.open(where), await place.open(where)];
      const dedupe = { key: RAW, expires_at: T0 + 60_000 };
      const first = redacted();
      try {
        expect(await a.ingest({ event: first, deliveries: [delivery()], dedupe })).toEqual({
          duplicate: false,
          event_id: first.id,
        });
        expect(await b.ingest({ event: redacted(T0 + 1), deliveries: [], dedupe })).toEqual({
          duplicate: true,
          event_id: first.id,
        });
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
      const restarted = await place.open(where);
      try {
        const again = { event: redacted(T0 + 2), deliveries: [], dedupe };
        expect(await restarted.ingest(again)).toEqual({ duplicate: true, event_id: first.id });
      } finally {
        await restarted.close();
      }
      const dump = await place.dump(where);
      expect(dump).toContain("[redacted]");
      expect(dump).not.toContain(RAW);
    });

    it("holds deliveries of one hashed order key one at a time across instances; the raw key is nowhere", async () => {
      const where = await place.create();
      const [a, b] = [await place.open(where), await place.open(where)];
      try {
        const first = delivery({ order_key: RAW });
        const second = delivery({ order_key: RAW });
        const other = delivery({ order_key: "olga@example.com" });
        await a.ingest({ event: redacted(), deliveries: [first] });
        await b.ingest({ event: redacted(T0 + 1), deliveries: [second, other] });
        const claimed = await b.claim({ owner: "b", now: T0 + 10, limit: 10, lease_ms: 30_000 });
        expect(claimed.map((c) => c.id).sort()).toEqual([first.id, other.id].sort());
        const keys = (await a.listDeliveries({})).map((d) => d.order_key);
        expect(new Set(keys).size).toBe(2);
        expect(keys).not.toContain(RAW);
        expect(keys).not.toContain(null);
        await b.advance({
          delivery_id: first.id,
          owner: "b",
          now: T0 + 11,
          change: { status: "succeeded" },
        });
        const [next] = await a.claim({ owner: "a", now: T0 + 12, limit: 10, lease_ms: 30_000 });
        expect(next?.id).toBe(second.id);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
      const dump = await place.dump(where);
      expect(dump).toContain("[redacted]");
      expect(dump).not.toContain(RAW);
    });

    it("hashes with a key of its own: two databases store one value differently", async () => {
      const stored: (string | null | undefined)[] = [];
      for (const where of [await place.create(), await place.create()]) {
        const store = await place.open(where);
        try {
          await store.ingest({ event: redacted(), deliveries: [delivery({ order_key: RAW })] });
          stored.push((await store.listDeliveries({}))[0]?.order_key);
        } finally {
          await store.close();
        }
      }
      expect(stored[0]).toMatch(/^[\w-]{43}$/);
      expect(stored[1]).toMatch(/^[\w-]{43}$/);
      expect(stored[0]).not.toBe(stored[1]);
    });
  });
}
