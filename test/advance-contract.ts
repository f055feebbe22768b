import { expect, it } from "vitest";
import type { Store } from "../src/store/store.ts";
import { T0, LEASE, attempt, delivery, event } from "./store-rows.ts";

/**
 * The advance part of the store contract: an attempt and the delivery's next state are
 * written in one step, and a rescheduled delivery comes back with its progress.
 * `current` gives the store of the running test (fresh, empty, migrated).
 */
export function describeAdvanceContract(current: () => Store): void {
  it("records an attempt and moves the delivery on in one step", async () => {
    const store = current();
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
    const store = current();
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
}
