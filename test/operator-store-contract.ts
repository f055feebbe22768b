import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PAUSED_UNTIL_RESUMED } from "../src/store/operator-store.ts";
import type { DeliveryStatus, Store } from "../src/store/store.ts";
import { describeOperatorListsContract } from "./operator-lists-contract.ts";
import { T0, LEASE, attempt, delivery, event } from "./store-rows.ts";

/** A fresh, migrated store, and how many rows one of its tables holds (what the API cannot see). */
export interface OpenedStore {
  store: Store;
  rowsIn: (table: string) => Promise<number>;
}

const ROUTE = {
  id: "r1",
  actions: [
    { type: "http.request", target: "first" },
    { type: "http.request", target: "second" },
  ],
};

/**
 * What the operator API, console and CLI need of every store (OperatorStore): the lists, and
 * the admin writes, which hold no lease: a worker whose delivery was cancelled or retried under
 * it loses its lease.
 */
export function describeOperatorStoreContract(
  name: string,
  open: () => Promise<OpenedStore>,
): void {
  describe(`${name} operator store contract`, () => {
    describeOperatorListsContract(async () => (await open()).store);

    let store: Store;
    let rowsIn: OpenedStore["rowsIn"];
    beforeEach(async () => {
      ({ store, rowsIn } = await open());
    });
    afterEach(() => store.close());

    /** A delivery of ROUTE whose first action succeeded, then ended in `status` (running: leased by "w"). */
    const deliveryIn = async (status: DeliveryStatus | "unknown") => {
      const d = delivery({ route_snapshot: ROUTE, next_target: "first" });
      await store.ingest({ event: event(), deliveries: [d] });
      if (status === "unknown") return "nope";
      if (status === "pending") return d.id;
      await store.claim({ owner: "w", now: T0, limit: 1, lease_ms: LEASE });
      const change = {
        next_action: 1,
        outputs: { "0": { ok: true } },
        next_target: "second",
        attempts: 2,
        next_attempt_at: T0 + LEASE,
      };
      if (status === "cancelled") {
        await store.advance({
          delivery_id: d.id,
          owner: "w",
          now: T0,
          change: { status: "running", ...change },
        });
        expect(await store.cancelDelivery(d.id, T0)).toBe("changed");
      } else
        await store.advance({
          delivery_id: d.id,
          owner: "w",
          now: T0,
          change: { status, ...change, last_error: status === "failed" ? "http_401: no" : null },
          attempt: attempt(),
        });
      return d.id;
    };

    const RETRIED = { status: "pending", attempts: 0, next_attempt_at: T0 + 5000 };
    it.each<[string, DeliveryStatus | "unknown", boolean, string, Record<string, unknown>]>([
      [
        "a failed delivery runs again from the action that failed",
        "failed",
        false,
        "changed",
        { ...RETRIED, next_action: 1, outputs: { "0": { ok: true } }, next_target: "second" },
      ],
      [
        "a cancelled delivery runs again where it stopped",
        "cancelled",
        false,
        "changed",
        { ...RETRIED, next_action: 1, outputs: { "0": { ok: true } } },
      ],
      [
        "a succeeded delivery is not retried without force",
        "succeeded",
        false,
        "conflict",
        { status: "succeeded" },
      ],
      [
        "a succeeded delivery runs again from its first action with force",
        "succeeded",
        true,
        "changed",
        { ...RETRIED, next_action: 0, outputs: {}, next_target: "first" },
      ],
      ["a pending delivery is not retried", "pending", true, "conflict", { status: "pending" }],
      ["a running delivery is not retried", "running", true, "conflict", { status: "running" }],
      ["an unknown delivery", "unknown", false, "not_found", {}],
    ])("retry: %s", async (_, status, force, expected, row) => {
      const id = await deliveryIn(status);
      expect(await store.retryDelivery(id, T0 + 5000, { force })).toBe(expected);
      const [stored] = await store.listDeliveries({});
      if (status !== "unknown") expect(stored).toMatchObject(row);
    });

    it("restarts the max_age clock and the attempts of a retried delivery, keeping its creation time", async () => {
      const id = await deliveryIn("failed");
      await store.retryDelivery(id, T0 + 86_400_000, { force: false });
      const [claimed] = await store.claim({
        owner: "v",
        now: T0 + 86_400_000,
        limit: 1,
        lease_ms: LEASE,
      });
      expect(claimed).toMatchObject({
        id,
        created_at: T0,
        run_since: T0 + 86_400_000,
        attempts: 0,
        next_action: 1,
      });
    });

    it.each<[DeliveryStatus | "unknown", string]>([
      ["pending", "changed"],
      ["running", "changed"],
      ["failed", "conflict"],
      ["succeeded", "conflict"],
      ["cancelled", "conflict"],
      ["unknown", "not_found"],
    ])("cancel: a %s delivery: %s", async (status, expected) => {
      const id = await deliveryIn(status);
      expect(await store.cancelDelivery(id, T0 + 1000)).toBe(expected);
      if (expected === "changed") {
        expect((await store.getDelivery(id))?.status).toBe("cancelled");
        expect(
          await store.claim({ owner: "v", now: T0 + 10 * LEASE, limit: 5, lease_ms: LEASE }),
        ).toEqual([]);
      }
    });

    it("takes the lease of a running delivery it cancels: its worker's next advance is refused", async () => {
      const id = await deliveryIn("running");
      await store.cancelDelivery(id, T0 + 1000);
      const advanced = await store.advance({
        delivery_id: id,
        owner: "w",
        now: T0 + 2000,
        change: { status: "succeeded" },
        attempt: attempt(),
      });
      expect(advanced).toBe(false);
      expect(await store.listAttempts(id)).toHaveLength(1);
      expect((await store.getDelivery(id))?.status).toBe("cancelled");
    });

    it("adds deliveries to a stored event (a replay), each route snapshot stored once", async () => {
      const e = event();
      await store.ingest({ event: e, deliveries: [delivery({ route_snapshot: ROUTE })] });
      const replayed = [
        delivery({ route_snapshot: { ...ROUTE } }),
        delivery({ route_snapshot: { id: "r2" }, route_id: "r2" }),
      ];
      await store.addDeliveries(e.id, replayed, T0 + 60_000);
      expect(await rowsIn("route_snapshots")).toBe(2);
      const claimed = await store.claim({
        owner: "w",
        now: T0 + 60_000,
        limit: 5,
        lease_ms: LEASE,
      });
      expect(claimed.map((c) => [c.id, c.route_snapshot, c.run_since])).toEqual([
        [expect.any(String), ROUTE, T0],
        [replayed[0]!.id, ROUTE, T0 + 60_000],
        [replayed[1]!.id, { id: "r2" }, T0 + 60_000],
      ]);
      expect(await store.getDelivery(replayed[1]!.id)).toMatchObject({
        route_snapshot: { id: "r2" },
        created_at: T0 + 60_000,
      });
    });

    it("holds a target's deliveries without using their attempts until resumed, whatever paused it", async () => {
      await store.ingest({ event: event(), deliveries: [delivery({ next_target: "crm" })] });
      await store.holdTarget("crm", {
        cause: "operator",
        until: null,
        reason: "maintenance",
        by: "admin",
        now: T0,
      });
      await store.pauseTarget("crm", T0 + 1000, "http_429: slow down");
      expect(await store.pausedTargets(T0)).toEqual(new Map([["crm", PAUSED_UNTIL_RESUMED]]));
      expect(
        await store.claim({ owner: "w", now: T0 + 86_400_000, limit: 5, lease_ms: LEASE }),
      ).toEqual([]);
      await store.resumeTarget("crm");
      expect(await store.pausedTargets(T0)).toEqual(new Map());
      const [claimed] = await store.claim({ owner: "w", now: T0, limit: 5, lease_ms: LEASE });
      expect(claimed).toMatchObject({ attempts: 0, next_target: "crm" });
    });

    it("ends a hold with an end by itself, and keeps the longer of a hold and a pause", async () => {
      await store.holdTarget("crm", {
        cause: "credentials",
        until: T0 + 5000,
        reason: "401",
        by: "system",
        now: T0,
      });
      await store.pauseTarget("crm", T0 + 9000, "http_429: slow down");
      await store.holdTarget("bot", {
        cause: "operator",
        until: T0 + 5000,
        reason: "",
        by: "admin",
        now: T0,
      });
      expect(await store.pausedTargets(T0)).toEqual(
        new Map([
          ["crm", T0 + 9000],
          ["bot", T0 + 5000],
        ]),
      );
      expect(await store.pausedTargets(T0 + 5000)).toEqual(new Map([["crm", T0 + 9000]]));
    });

    it("describes every target: its pause and why, its backlog, its last success and failure", async () => {
      for (const target of ["crm", "crm", "bot"])
        await store.ingest({ event: event(), deliveries: [delivery({ next_target: target })] });
      const claimed = await store.claim({ owner: "w", now: T0, limit: 1, lease_ms: LEASE });
      await store.advance({
        delivery_id: claimed[0]!.id,
        owner: "w",
        now: T0 + 10,
        change: { status: "pending", next_attempt_at: T0 + 60_000 },
        attempt: attempt({
          target: "crm",
          outcome: "retry",
          started_at: T0 + 5,
          error_code: "http_503",
          error_message: "down",
        }),
      });
      const [again] = await store.claim({
        owner: "w",
        now: T0 + 60_000,
        limit: 1,
        lease_ms: LEASE,
      });
      await store.advance({
        delivery_id: again!.id,
        owner: "w",
        now: T0 + 60_010,
        change: { status: "succeeded" },
        attempt: attempt({ target: "crm", outcome: "ok", started_at: T0 + 60_000 }),
      });
      await store.pauseTarget(
        "bot",
        T0 + 120_000,
        "circuit open after repeated failures: http_503: down",
      );
      await store.holdTarget("mail", {
        cause: "operator",
        until: null,
        reason: "by hand",
        by: "admin",
        now: T0,
      });
      await store.pauseTarget("sms", T0 + 120_000, "http_429: slow down");
      const states = await store.targetStates(T0 + 60_000, ["idle", "crm"]);
      const none = {
        paused_until: null,
        paused_by: null,
        pause_reason: null,
        waiting: 0,
        oldest_waiting_at: null,
        last_success_at: null,
        last_failure_at: null,
        last_error: null,
      };
      expect(states).toEqual([
        {
          ...none,
          name: "bot",
          paused_until: T0 + 120_000,
          paused_by: "circuit_breaker",
          pause_reason: "circuit open after repeated failures: http_503: down",
          waiting: 1,
          oldest_waiting_at: T0,
        },
        {
          ...none,
          name: "crm",
          waiting: 1,
          oldest_waiting_at: T0,
          last_success_at: T0 + 60_000,
          last_failure_at: T0 + 5,
          last_error: "http_503: down",
        },
        { ...none, name: "idle" },
        {
          ...none,
          name: "mail",
          paused_until: PAUSED_UNTIL_RESUMED,
          paused_by: "operator",
          pause_reason: "by hand",
        },
        {
          ...none,
          name: "sms",
          paused_until: T0 + 120_000,
          paused_by: "rate_limit",
          pause_reason: "http_429: slow down",
        },
      ]);
    });

    it("counts events and their deliveries by status and route over a window", async () => {
      await store.ingest({ event: event({}, T0 - 60_000), deliveries: [delivery()] });
      await store.ingest({
        event: event({}, T0),
        deliveries: [delivery(), delivery({ route_id: "r2" })],
      });
      await store.ingest({ event: event({}, T0 + 1000), deliveries: [delivery()] });
      const [first] = await store.claim({ owner: "w", now: T0 + 2000, limit: 1, lease_ms: LEASE });
      await store.advance({
        delivery_id: first!.id,
        owner: "w",
        now: T0 + 2000,
        change: { status: "failed" },
      });
      expect(await store.windowStats(T0, T0 + 5000)).toEqual({
        since: T0,
        now: T0 + 5000,
        events: 2,
        deliveries_by_status: { pending: 3, running: 0, succeeded: 0, failed: 0, cancelled: 0 },
        by_route: [
          { route_id: "r1", status: "pending", count: 2 },
          { route_id: "r2", status: "pending", count: 1 },
        ],
        waiting: 3,
        oldest_waiting_at: T0,
      });
    });

    it("keeps an audit log, newest first, in pages", async () => {
      for (const [i, action] of ["retry", "cancel", "pause"].entries())
        await store.recordAudit({
          at: T0 + i,
          actor: "admin",
          action,
          subject: `d${i}`,
          details: { force: i === 0, n: [i] },
        });
      const first = await store.listAudit({ limit: 2 });
      expect(first.data.map((a) => a.action)).toEqual(["pause", "cancel"]);
      const second = await store.listAudit({ limit: 2, cursor: first.next_cursor! });
      expect(second).toEqual({
        data: [
          {
            id: expect.any(String),
            at: T0,
            actor: "admin",
            action: "retry",
            subject: "d0",
            details: { force: true, n: [0] },
          },
        ],
        next_cursor: null,
      });
    });

    it("keeps a bulk operation's progress", async () => {
      const created = await store.createOperation({
        kind: "retry",
        filter: { status: "failed", route: "r1" },
        actor: "admin",
        total: 10,
        now: T0,
      });
      expect(await store.getOperation(created.id)).toEqual({
        id: created.id,
        kind: "retry",
        filter: { status: "failed", route: "r1" },
        actor: "admin",
        status: "running",
        total: 10,
        done: 0,
        changed: 0,
        error: null,
        created_at: T0,
        updated_at: T0,
      });
      await store.updateOperation(created.id, { done: 5, changed: 4, now: T0 + 1 });
      await store.updateOperation(created.id, {
        status: "failed",
        error: "store_unavailable: down",
        now: T0 + 2,
      });
      expect(await store.getOperation(created.id)).toMatchObject({
        status: "failed",
        done: 5,
        changed: 4,
        error: "store_unavailable: down",
        updated_at: T0 + 2,
      });
      expect(await store.getOperation("nope")).toBeNull();
    });

    it("purges search terms, audit entries and route snapshots no delivery uses with the old events", async () => {
      const old = event({}, T0);
      await store.ingest({
        event: old,
        deliveries: [delivery({ route_snapshot: { id: "old" } })],
        terms: ["иван", "+79123456789"],
      });
      const kept = event({}, T0 + 86_400_000);
      await store.ingest({ event: kept, deliveries: [], terms: ["иван"] });
      await store.recordAudit({
        at: T0,
        actor: "admin",
        action: "retry",
        subject: "x",
        details: {},
      });
      await store.recordAudit({
        at: T0 + 86_400_000,
        actor: "admin",
        action: "cancel",
        subject: "y",
        details: {},
      });
      const [d] = await store.claim({ owner: "w", now: T0, limit: 1, lease_ms: LEASE });
      await store.advance({
        delivery_id: d!.id,
        owner: "w",
        now: T0,
        change: { status: "succeeded" },
      });
      expect(await store.purge(T0 + 1000, T0 + 1000)).toBe(1);
      expect(await rowsIn("event_terms")).toBe(1);
      expect(await rowsIn("route_snapshots")).toBe(0);
      expect((await store.listAudit({ limit: 10 })).data.map((a) => a.action)).toEqual(["cancel"]);
      expect(
        (await store.listEvents({ terms: ["иван"] }, { limit: 10 })).data.map((e) => e.id),
      ).toEqual([kept.id]);
    });

    it("stores one route snapshot for every delivery of one route", async () => {
      for (let i = 0; i < 3; i++)
        await store.ingest({
          event: event(),
          deliveries: [delivery({ route_snapshot: { id: "r1", actions: [] } })],
        });
      expect(await rowsIn("route_snapshots")).toBe(1);
      await expect(store.notifyChanged()).resolves.toBeUndefined();
    });
  });
}
