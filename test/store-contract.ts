import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InboundEvent } from "../src/core/inbound-event.ts";
import { newEventId } from "../src/core/new-event-id.ts";
import type { NewAttempt, NewDelivery, Store } from "../src/store/store.ts";

const T0 = Date.parse("2025-01-01T00:00:00Z");
const LEASE = 30_000;

export function event(overrides: Partial<InboundEvent> = {}, at = T0): InboundEvent {
  return {
    id: newEventId(at),
    source: "tilda",
    received_at: new Date(at).toISOString(),
    method: "POST",
    path: "/hooks/tilda",
    query: { a: "1" },
    headers: { "content-type": "application/json" },
    content_type: "application/json",
    body: { Name: "Иван", n: 1, nested: { list: [1, "two", null] } },
    ...overrides,
  };
}

let sequence = 0;
export function delivery(overrides: Partial<NewDelivery> = {}): NewDelivery {
  sequence += 1;
  return {
    id: `d${sequence}-${Math.random().toString(36).slice(2)}`,
    route_id: "r1",
    route_snapshot: { id: "r1", actions: [] },
    order_key: null,
    next_target: "t1",
    ...overrides,
  };
}

function attempt(overrides: Partial<NewAttempt> = {}): NewAttempt {
  return {
    action_index: 0,
    action_type: "http.request",
    target: "t1",
    started_at: T0,
    duration_ms: 12,
    outcome: "ok",
    exchanges: [
      {
        method: "POST",
        url: "http://x/y",
        request_headers: { authorization: "***" },
        request_body: { a: 1 },
        status: 200,
      },
    ],
    response_status: 200,
    response_body: '{"ok":true}',
    error_code: null,
    error_message: null,
    ...overrides,
  };
}

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

    it("claims each due delivery once, however many workers ask at the same time", async () => {
      for (let i = 0; i < 40; i++) await store.ingest({ event: event(), deliveries: [delivery()] });
      const claims = await Promise.all(
        ["a", "b", "c", "d"].map((owner) =>
          store.claim({ owner, now: T0, limit: 15, lease_ms: LEASE }),
        ),
      );
      const ids = claims.flat().map((c) => c.id);
      expect(ids).toHaveLength(40);
      expect(new Set(ids).size).toBe(40);
      expect(await store.claim({ owner: "e", now: T0, limit: 10, lease_ms: LEASE })).toEqual([]);
    });

    it("hands a claimed delivery its event and snapshot", async () => {
      const e = event();
      const d = delivery({
        route_snapshot: { id: "r1", actions: [{ "http.request": { path: "/x" } }] },
      });
      await store.ingest({ event: e, deliveries: [d] });
      const [claimed] = await store.claim({ owner: "a", now: T0, limit: 10, lease_ms: LEASE });
      expect(claimed).toMatchObject({
        id: d.id,
        event: e,
        route_snapshot: d.route_snapshot,
        next_action: 0,
        attempts: 0,
        outputs: {},
        status: "running",
      });
    });

    it("does not claim a delivery before it is due", async () => {
      await store.ingest({ event: event({}, T0 + 5000), deliveries: [delivery()] });
      expect(await store.claim({ owner: "a", now: T0, limit: 10, lease_ms: LEASE })).toHaveLength(
        0,
      );
      expect(await store.nextDueAt()).toBe(T0 + 5000);
      expect(
        await store.claim({ owner: "a", now: T0 + 5000, limit: 10, lease_ms: LEASE }),
      ).toHaveLength(1);
    });

    it("lets another worker take over a delivery whose lease expired, and the first loses it", async () => {
      await store.ingest({ event: event(), deliveries: [delivery()] });
      const [mine] = await store.claim({ owner: "a", now: T0, limit: 1, lease_ms: LEASE });
      expect(
        await store.claim({ owner: "b", now: T0 + LEASE - 1, limit: 1, lease_ms: LEASE }),
      ).toHaveLength(0);
      const [theirs] = await store.claim({
        owner: "b",
        now: T0 + LEASE,
        limit: 1,
        lease_ms: LEASE,
      });
      expect(theirs?.id).toBe(mine?.id);
      const lost = await store.advance({
        delivery_id: mine!.id,
        owner: "a",
        now: T0 + LEASE + 1,
        change: { status: "succeeded" },
        attempt: attempt(),
      });
      expect(lost).toBe(false);
      expect(await store.listAttempts(mine!.id)).toHaveLength(0);
      expect(
        await store.advance({
          delivery_id: mine!.id,
          owner: "b",
          now: T0 + LEASE + 1,
          change: { status: "succeeded" },
          attempt: attempt(),
        }),
      ).toBe(true);
    });

    it("records an attempt and moves the delivery on in one step", async () => {
      await store.ingest({ event: event(), deliveries: [delivery()] });
      const [d] = await store.claim({ owner: "a", now: T0, limit: 1, lease_ms: LEASE });
      const ok = await store.advance({
        delivery_id: d!.id,
        owner: "a",
        now: T0 + 10,
        change: {
          status: "running",
          next_action: 1,
          outputs: { "0": { lead_id: 42 }, lookup: { lead_id: 42 } },
          next_attempt_at: T0 + 10 + LEASE,
          next_target: "t2",
        },
        attempt: attempt(),
      });
      expect(ok).toBe(true);
      const [row] = await store.listDeliveries({ event_id: d!.event.id });
      expect(row).toMatchObject({
        status: "running",
        next_action: 1,
        next_target: "t2",
        outputs: { lookup: { lead_id: 42 } },
      });
      const attempts = await store.listAttempts(d!.id);
      expect(attempts).toHaveLength(1);
      expect(attempts[0]).toMatchObject({ ...attempt(), delivery_id: d!.id });
    });

    it("reschedules a retry and claims it again once due, keeping its progress", async () => {
      await store.ingest({ event: event(), deliveries: [delivery()] });
      const [d] = await store.claim({ owner: "a", now: T0, limit: 1, lease_ms: LEASE });
      await store.advance({
        delivery_id: d!.id,
        owner: "a",
        now: T0,
        change: {
          status: "pending",
          attempts: 1,
          next_attempt_at: T0 + 10_000,
          next_action: 2,
          outputs: { a: 1 },
          last_error: "http_503: upstream down",
        },
        attempt: attempt({ outcome: "retry", response_status: 503, error_code: "http_503" }),
      });
      expect(
        await store.claim({ owner: "b", now: T0 + 9_999, limit: 1, lease_ms: LEASE }),
      ).toHaveLength(0);
      const [again] = await store.claim({
        owner: "b",
        now: T0 + 10_000,
        limit: 1,
        lease_ms: LEASE,
      });
      expect(again).toMatchObject({ id: d!.id, attempts: 1, next_action: 2, outputs: { a: 1 } });
      const [row] = await store.listDeliveries({ event_id: d!.event.id });
      expect(row?.last_error).toBe("http_503: upstream down");
    });

    it("runs deliveries of one order key one at a time, in arrival order", async () => {
      const first = delivery({ order_key: "ivan@example.com" });
      const second = delivery({ order_key: "ivan@example.com" });
      const other = delivery({ order_key: "olga@example.com" });
      await store.ingest({ event: event(), deliveries: [first] });
      await store.ingest({ event: event({}, T0 + 1), deliveries: [second, other] });
      const claimed = await store.claim({ owner: "a", now: T0 + 10, limit: 10, lease_ms: LEASE });
      expect(claimed.map((c) => c.id).sort()).toEqual([first.id, other.id].sort());
      // while the first is pending for a retry, the second still waits
      await store.advance({
        delivery_id: first.id,
        owner: "a",
        now: T0 + 10,
        change: { status: "pending", attempts: 1, next_attempt_at: T0 + 100 },
      });
      expect(
        await store.claim({ owner: "a", now: T0 + 50, limit: 10, lease_ms: LEASE }),
      ).toHaveLength(0);
      const [retried] = await store.claim({
        owner: "a",
        now: T0 + 100,
        limit: 10,
        lease_ms: LEASE,
      });
      expect(retried?.id).toBe(first.id);
      await store.advance({
        delivery_id: first.id,
        owner: "a",
        now: T0 + 101,
        change: { status: "succeeded" },
      });
      const [next] = await store.claim({ owner: "a", now: T0 + 102, limit: 10, lease_ms: LEASE });
      expect(next?.id).toBe(second.id);
    });

    it("claims no later delivery of an order key while an earlier one is running under a lease", async () => {
      const first = delivery({ order_key: "ivan@example.com" });
      const second = delivery({ order_key: "ivan@example.com" });
      await store.ingest({ event: event(), deliveries: [first] });
      await store.ingest({ event: event({}, T0 + 1), deliveries: [second] });
      const [running] = await store.claim({ owner: "a", now: T0 + 10, limit: 10, lease_ms: LEASE });
      expect(running?.id).toBe(first.id);
      // Another worker, and the same one, find nothing while the first is leased, however long.
      for (const [owner, now] of [
        ["b", T0 + 20],
        ["a", T0 + 20],
        ["b", T0 + 10 + LEASE - 1],
      ] as const) {
        expect(await store.claim({ owner, now, limit: 10, lease_ms: LEASE })).toEqual([]);
      }
      // A running delivery that moved on to its next action still holds the key.
      await store.advance({
        delivery_id: first.id,
        owner: "a",
        now: T0 + 30,
        change: { status: "running", next_action: 1, next_attempt_at: T0 + 30 + LEASE },
        attempt: attempt(),
      });
      expect(await store.claim({ owner: "b", now: T0 + 40, limit: 10, lease_ms: LEASE })).toEqual(
        [],
      );
      // Its lease expires: the first is taken over, never the second beside it.
      const taken = await store.claim({
        owner: "b",
        now: T0 + 30 + LEASE,
        limit: 10,
        lease_ms: LEASE,
      });
      expect(taken.map((c) => c.id)).toEqual([first.id]);
    });

    it("holds back deliveries of a paused target until the pause ends", async () => {
      await store.ingest({
        event: event(),
        deliveries: [delivery({ next_target: "bothelp" }), delivery({ next_target: "metabot" })],
      });
      await store.pauseTarget("bothelp", T0 + 5000, "429");
      await store.pauseTarget("bothelp", T0 + 1000, "circuit");
      expect(await store.pausedTargets(T0)).toEqual(new Map([["bothelp", T0 + 5000]]));
      const claimed = await store.claim({ owner: "a", now: T0, limit: 10, lease_ms: LEASE });
      expect(claimed.map((c) => c.next_target)).toEqual(["metabot"]);
      expect(
        await store.claim({ owner: "a", now: T0 + 5000, limit: 10, lease_ms: LEASE }),
      ).toHaveLength(1);
    });

    it("releases a worker's deliveries at shutdown so others can take them at once", async () => {
      await store.ingest({ event: event(), deliveries: [delivery(), delivery()] });
      await store.claim({ owner: "a", now: T0, limit: 10, lease_ms: LEASE });
      expect(await store.release("a", T0 + 1)).toBe(2);
      expect(
        await store.claim({ owner: "b", now: T0 + 1, limit: 10, lease_ms: LEASE }),
      ).toHaveLength(2);
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

    it("answers ping while open", async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
