import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../src/store/store.ts";
import { describeAdvanceContract } from "./advance-contract.ts";
import { describeClaimContract } from "./claim-contract.ts";
import { T0, LEASE, attempt, delivery, event } from "./store-rows.ts";

/**
 * What every Store must do, whatever it is built on. `open` gives a fresh, empty, migrated store.
 */
export function describeStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`${name} store contract`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it("stores an event with its deliveries and reads it back unchanged", async () => {
      const e = event();
      const result = await store.ingest({ event: e, deliveries: [delivery(), delivery()] });
      expect(result).toEqual({ duplicate: false, event_id: e.id });
      expect(await store.getEvent(e.id)).toEqual(e);
      const rows = await store.listDeliveries({ event_id: e.id });
      expect(rows.map((r) => r.status)).toEqual(["pending", "pending"]);
      expect((await store.stats()).deliveries.pending).toBe(2);
    });

    it("keeps an event whose body is absent", async () => {
      const e = event({ body: undefined, method: "GET" });
      await store.ingest({ event: e, deliveries: [] });
      expect(await store.getEvent(e.id)).toEqual(e);
    });

    it("writes nothing of an ingest that fails", async () => {
      const d = delivery();
      await store.ingest({ event: event(), deliveries: [d] });
      const e = event();
      await expect(
        store.ingest({ event: e, deliveries: [delivery(), { ...d }] }),
      ).rejects.toThrow();
      expect(await store.getEvent(e.id)).toBeNull();
      expect((await store.stats()).events).toBe(1);
    });

    it("answers a repeat within the dedupe window with the first event and stores nothing", async () => {
      const first = event();
      const dedupe = { key: "tranid-1", expires_at: T0 + 60_000 };
      await store.ingest({ event: first, deliveries: [delivery()], dedupe });
      const repeat = await store.ingest({
        event: event({}, T0 + 1000),
        deliveries: [delivery()],
        dedupe,
      });
      expect(repeat).toEqual({ duplicate: true, event_id: first.id });
      expect((await store.stats()).events).toBe(1);
      const other = await store.ingest({
        event: event({ source: "typeform" }, T0 + 1000),
        deliveries: [],
        dedupe,
      });
      expect(other.duplicate).toBe(false);
      const later = event({}, T0 + 61_000);
      expect(
        await store.ingest({
          event: later,
          deliveries: [],
          dedupe: { key: "tranid-1", expires_at: T0 + 120_000 },
        }),
      ).toEqual({ duplicate: false, event_id: later.id });
    });

    it("purges old finished events with their deliveries and attempts, keeping unfinished ones", async () => {
      const old = event({}, T0);
      const oldPending = event({}, T0);
      const recent = event({}, T0 + 86_400_000);
      await store.ingest({ event: old, deliveries: [delivery()] });
      await store.ingest({ event: oldPending, deliveries: [delivery({ next_target: "never" })] });
      await store.ingest({ event: recent, deliveries: [] });
      await store.pauseTarget("never", T0 + 10 * 86_400_000, "test");
      const [d] = await store.claim({ owner: "a", now: T0, limit: 10, lease_ms: LEASE });
      await store.advance({
        delivery_id: d!.id,
        owner: "a",
        now: T0,
        change: { status: "succeeded" },
        attempt: attempt(),
      });
      expect(await store.purge(T0 + 1000, T0 + 1000)).toBe(1);
      expect(await store.getEvent(old.id)).toBeNull();
      expect(await store.listAttempts(d!.id)).toHaveLength(0);
      expect(await store.getEvent(oldPending.id)).not.toBeNull();
      expect(await store.getEvent(recent.id)).not.toBeNull();
    });

    it("measures its size in bytes, which grows with the events stored", async () => {
      const empty = await store.sizeBytes();
      expect(empty).toBeGreaterThan(0);
      const text = "x".repeat(4000);
      for (let i = 0; i < 200; i += 1)
        await store.ingest({ event: event({ body: { i, text } }), deliveries: [delivery()] });
      expect(await store.sizeBytes()).toBeGreaterThan(empty + 200 * 1000);
    });

    it("answers ping while open", async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    describeClaimContract(() => store);
    describeAdvanceContract(() => store);
  });
}
