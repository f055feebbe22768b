import { expect, it } from "vitest";
import type { Store } from "../src/store/store.ts";
import { T0, LEASE, attempt, delivery, event } from "./store-rows.ts";

/**
 * The claim part of the store contract: which due delivery a worker gets, once, and when:
 * leases, order keys, paused targets, release at shutdown.
 * `current` gives the store of the running test (fresh, empty, migrated).
 */
export function describeClaimContract(current: () => Store): void {
  const claim = (owner: string, now: number, limit = 10) =>
    current().claim({ owner, now, limit, lease_ms: LEASE });

  it("claims each due delivery once, however many workers ask at the same time", async () => {
    const store = current();
    for (let i = 0; i < 40; i++) await store.ingest({ event: event(), deliveries: [delivery()] });
    const claims = await Promise.all(["a", "b", "c", "d"].map((owner) => claim(owner, T0, 15)));
    const ids = claims.flat().map((c) => c.id);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    expect(await claim("e", T0)).toEqual([]);
  });

  it("hands a claimed delivery its event and snapshot", async () => {
    const store = current();
    const e = event();
    const d = delivery({
      route_snapshot: { id: "r1", actions: [{ "http.request": { path: "/x" } }] },
    });
    await store.ingest({ event: e, deliveries: [d] });
    const [claimed] = await claim("a", T0);
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
    const store = current();
    await store.ingest({ event: event({}, T0 + 5000), deliveries: [delivery()] });
    expect(await claim("a", T0)).toHaveLength(0);
    expect(await store.nextDueAt()).toBe(T0 + 5000);
    expect(await claim("a", T0 + 5000)).toHaveLength(1);
  });

  it("lets another worker take over a delivery whose lease expired, and the first loses it", async () => {
    const store = current();
    await store.ingest({ event: event(), deliveries: [delivery()] });
    const [mine] = await claim("a", T0, 1);
    expect(await claim("b", T0 + LEASE - 1, 1)).toHaveLength(0);
    const [theirs] = await claim("b", T0 + LEASE, 1);
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

  it("runs deliveries of one order key one at a time, in arrival order", async () => {
    const store = current();
    const first = delivery({ order_key: "ivan@example.com" });
    const second = delivery({ order_key: "ivan@example.com" });
    const other = delivery({ order_key: "olga@example.com" });
    await store.ingest({ event: event(), deliveries: [first] });
    await store.ingest({ event: event({}, T0 + 1), deliveries: [second, other] });
    const claimed = await claim("a", T0 + 10);
    expect(claimed.map((c) => c.id).sort()).toEqual([first.id, other.id].sort());
    // while the first is pending for a retry, the second still waits
    await store.advance({
      delivery_id: first.id,
      owner: "a",
      now: T0 + 10,
      change: { status: "pending", attempts: 1, next_attempt_at: T0 + 100 },
    });
    expect(await claim("a", T0 + 50)).toHaveLength(0);
    const [retried] = await claim("a", T0 + 100);
    expect(retried?.id).toBe(first.id);
    await store.advance({
      delivery_id: first.id,
      owner: "a",
      now: T0 + 101,
      change: { status: "succeeded" },
    });
    const [next] = await claim("a", T0 + 102);
    expect(next?.id).toBe(second.id);
  });

  it("claims no later delivery of an order key while an earlier one is running under a lease", async () => {
    const store = current();
    const first = delivery({ order_key: "ivan@example.com" });
    const second = delivery({ order_key: "ivan@example.com" });
    await store.ingest({ event: event(), deliveries: [first] });
    await store.ingest({ event: event({}, T0 + 1), deliveries: [second] });
    const [running] = await claim("a", T0 + 10);
    expect(running?.id).toBe(first.id);
    // Another worker, and the same one, find nothing while the first is leased, however long.
    for (const [owner, now] of [
      ["b", T0 + 20],
      ["a", T0 + 20],
      ["b", T0 + 10 + LEASE - 1],
    ] as const) {
      expect(await claim(owner, now)).toEqual([]);
    }
    // A running delivery that moved on to its next action still holds the key.
    await store.advance({
      delivery_id: first.id,
      owner: "a",
      now: T0 + 30,
      change: { status: "running", next_action: 1, next_attempt_at: T0 + 30 + LEASE },
      attempt: attempt(),
    });
    expect(await claim("b", T0 + 40)).toEqual([]);
    // Its lease expires: the first is taken over, never the second beside it.
    const taken = await claim("b", T0 + 30 + LEASE);
    expect(taken.map((c) => c.id)).toEqual([first.id]);
  });

  it("holds back deliveries of a paused target until the pause ends", async () => {
    const store = current();
    await store.ingest({
      event: event(),
      deliveries: [delivery({ next_target: "bothelp" }), delivery({ next_target: "metabot" })],
    });
    await store.pauseTarget("bothelp", T0 + 5000, "429");
    await store.pauseTarget("bothelp", T0 + 1000, "circuit");
    expect(await store.pausedTargets(T0)).toEqual(new Map([["bothelp", T0 + 5000]]));
    const claimed = await claim("a", T0);
    expect(claimed.map((c) => c.next_target)).toEqual(["metabot"]);
    expect(await claim("a", T0 + 5000)).toHaveLength(1);
  });

  it("releases a worker's deliveries at shutdown so others can take them at once", async () => {
    const store = current();
    await store.ingest({ event: event(), deliveries: [delivery(), delivery()] });
    await claim("a", T0);
    expect(await store.release("a", T0 + 1)).toBe(2);
    expect(await claim("b", T0 + 1)).toHaveLength(2);
  });
}
