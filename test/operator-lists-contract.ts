import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeliveryFilter, EventFilter } from "../src/store/operator-store.ts";
import type { DeliveryStatus, NewDelivery, Store } from "../src/store/store.ts";
import type { InboundEvent } from "../src/core/inbound-event.ts";
import { T0, LEASE, attempt, delivery, event } from "./store-rows.ts";

const MIN = 60_000;
const PHONE = "+79123456789";

/** Six events a minute apart (e0..e5) and their deliveries in each status. */
const SEED: { source: string; terms: string[]; deliveries: [string, string, DeliveryStatus][] }[] =
  [
    { source: "tilda", terms: ["иван", "петров", PHONE], deliveries: [["r1", "crm", "succeeded"]] },
    { source: "tilda", terms: ["anna@example.com"], deliveries: [["r1", "crm", "failed"]] },
    { source: "typeform", terms: ["order", "42"], deliveries: [["r2", "bothelp", "pending"]] },
    {
      source: "tilda",
      terms: ["иван"],
      deliveries: [
        ["r1", "crm", "succeeded"],
        ["r2", "bothelp", "cancelled"],
      ],
    },
    { source: "typeform", terms: [PHONE, "order"], deliveries: [] },
    { source: "tilda", terms: [], deliveries: [["r2", "bothelp", "running"]] },
  ];

/**
 * The operator's lists over one seeded store: filters, newest-first order, cursor pages, and
 * counts and id batches for bulk operations. Read-only, so one store serves every row.
 */
export function describeOperatorListsContract(open: () => Promise<Store>): void {
  describe("operator lists", () => {
    let store: Store;
    const events: InboundEvent[] = [];
    const deliveries: NewDelivery[] = [];
    beforeAll(async () => {
      store = await open();
      const statuses: DeliveryStatus[] = [];
      for (const [i, seed] of SEED.entries()) {
        const e = event({ source: seed.source }, T0 + i * MIN);
        const ds = seed.deliveries.map(([route, target]) =>
          delivery({ route_id: route, next_target: target, route_snapshot: { id: route } }),
        );
        events.push(e);
        deliveries.push(...ds);
        statuses.push(...seed.deliveries.map(([, , status]) => status));
        await store.ingest({ event: e, deliveries: ds, terms: seed.terms });
      }
      const claimed = await store.claim({
        owner: "w",
        now: T0 + 9 * MIN,
        limit: 50,
        lease_ms: LEASE,
      });
      expect(claimed.map((c) => c.id)).toEqual(deliveries.map((d) => d.id));
      for (const [i, d] of deliveries.entries()) {
        const status = statuses[i]!;
        if (status === "running") continue;
        if (status === "cancelled") {
          expect(await store.cancelDelivery(d.id, T0 + 9 * MIN)).toBe("changed");
          continue;
        }
        const failed = status === "failed" || status === "pending";
        await store.advance({
          delivery_id: d.id,
          owner: "w",
          now: T0 + 9 * MIN,
          change: {
            status,
            next_attempt_at: T0 + 10 * MIN,
            last_error:
              status === "failed" ? "http_401: Unauthorized" : failed ? "http_503: down" : null,
          },
          attempt: attempt(failed ? { outcome: status === "failed" ? "failed" : "retry" } : {}),
        });
      }
    });
    afterAll(() => store.close());

    const eventIds = (indexes: number[]) => indexes.map((i) => events[i]!.id);
    const deliveryIds = (indexes: number[]) => indexes.map((i) => deliveries[i]!.id);

    it.each<[string, EventFilter, number[]]>([
      ["every event, newest first", {}, [5, 4, 3, 2, 1, 0]],
      ["by source", { source: "tilda" }, [5, 3, 1, 0]],
      ["since a time (inclusive)", { since: T0 + 2 * MIN }, [5, 4, 3, 2]],
      ["until a time (exclusive)", { until: T0 + 2 * MIN }, [1, 0]],
      ["between", { since: T0 + MIN, until: T0 + 3 * MIN + 1 }, [3, 2, 1]],
      ["with a delivery in a status", { status: "succeeded" }, [3, 0]],
      ["with a failed delivery", { status: "failed" }, [1]],
      ["with a delivery of a route", { route: "r2" }, [5, 3, 2]],
      ["with a delivery of a route in a status", { route: "r2", status: "cancelled" }, [3]],
      ["by a term", { terms: [PHONE] }, [4, 0]],
      ["by every term", { terms: ["иван", PHONE] }, [0]],
      ["by a term and source", { terms: ["order"], source: "typeform" }, [4, 2]],
      ["by a term and status", { terms: ["иван"], status: "cancelled" }, [3]],
      ["by a term and time", { terms: [PHONE], until: T0 + MIN }, [0]],
      ["by a term no event has", { terms: ["nowhere"] }, []],
    ])("lists events %s", async (_, filter, expected) => {
      const page = await store.listEvents(filter, { limit: 50 });
      expect(page.data.map((e) => e.id)).toEqual(eventIds(expected));
      expect(page.next_cursor).toBeNull();
    });

    it("summarises each event with its deliveries", async () => {
      const page = await store.listEvents({ source: "tilda", until: T0 + 4 * MIN }, { limit: 1 });
      expect(page.data).toEqual([
        {
          id: events[3]!.id,
          source: "tilda",
          received_at: T0 + 3 * MIN,
          method: "POST",
          content_type: "application/json",
          deliveries: [
            { id: deliveries[3]!.id, route_id: "r1", status: "succeeded" },
            { id: deliveries[4]!.id, route_id: "r2", status: "cancelled" },
          ],
        },
      ]);
    });

    it.each<[string, EventFilter]>([
      ["every event", {}],
      ["a search", { terms: ["иван"] }],
      ["a source", { source: "tilda" }],
    ])("pages through %s with cursors, each event once", async (_, filter) => {
      const all = (await store.listEvents(filter, { limit: 50 })).data.map((e) => e.id);
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await store.listEvents(filter, { limit: 2, cursor });
        seen.push(...page.data.map((e) => e.id));
        if (page.next_cursor === null) break;
        expect(page.next_cursor).toMatch(/^[\w-]+$/);
        cursor = page.next_cursor;
      }
      expect(seen).toEqual(all);
    });

    it.each<[string, DeliveryFilter, number[]]>([
      ["every delivery, newest first", {}, [5, 4, 3, 2, 1, 0]],
      ["by status", { status: "failed" }, [1]],
      ["by route", { route: "r2" }, [5, 4, 2]],
      ["by next target", { target: "crm" }, [3, 1, 0]],
      ["by event", { event_id: "" }, [4, 3]],
      ["by error code", { error_code: "http_401" }, [1]],
      ["by another error code", { error_code: "http_503" }, [2]],
      ["by an error code none has", { error_code: "http_40" }, []],
      ["since a time", { since: T0 + 2 * MIN }, [5, 4, 3, 2]],
      ["until a time", { until: T0 + 2 * MIN }, [1, 0]],
      ["by route and status", { route: "r1", status: "succeeded" }, [3, 0]],
    ])("lists deliveries %s, counts them and walks their ids", async (_, given, expected) => {
      const filter = given.event_id === "" ? { event_id: events[3]!.id } : given;
      const page = await store.listDeliveryPage(filter, { limit: 50 });
      expect(page.data.map((d) => d.id)).toEqual(deliveryIds(expected));
      expect(await store.countDeliveries(filter)).toBe(expected.length);
      const walked: string[] = [];
      let after: string | null = null;
      for (let batches = 0; batches < 10; batches++) {
        const batch: { ids: string[]; next: string | null } = await store.selectDeliveryIds(
          filter,
          after,
          2,
        );
        walked.push(...batch.ids);
        if (batch.next === null) break;
        after = batch.next;
      }
      expect(walked).toEqual(deliveryIds([...expected].reverse()));
    });

    it("pages through deliveries with cursors", async () => {
      const first = await store.listDeliveryPage({}, { limit: 4 });
      expect(first.data.map((d) => d.id)).toEqual(deliveryIds([5, 4, 3, 2]));
      const second = await store.listDeliveryPage({}, { limit: 4, cursor: first.next_cursor! });
      expect(second).toEqual({ data: expect.any(Array), next_cursor: null });
      expect(second.data.map((d) => d.id)).toEqual(deliveryIds([1, 0]));
    });

    it("gives a delivery with its route snapshot and source; null for an unknown id", async () => {
      expect(await store.getDelivery(deliveries[1]!.id)).toMatchObject({
        id: deliveries[1]!.id,
        event_id: events[1]!.id,
        status: "failed",
        last_error: "http_401: Unauthorized",
        route_snapshot: { id: "r1" },
        source: "tilda",
      });
      expect(await store.getDelivery("nope")).toBeNull();
    });

    const token = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    it.each<[string, string]>([
      ["not base64url", "not a cursor!"],
      ["not JSON", Buffer.from("{{").toString("base64url")],
      ["the wrong shape", token({ at: 1, id: "x" })],
      ["an empty id", token([1, ""])],
    ])("refuses a cursor that is %s with 400 invalid_cursor", async (_, cursor) => {
      const refused = { status: 400, code: "invalid_cursor" };
      await expect(store.listEvents({}, { limit: 2, cursor })).rejects.toMatchObject(refused);
      await expect(store.listDeliveryPage({}, { limit: 2, cursor })).rejects.toMatchObject(refused);
      await expect(store.listAudit({ limit: 2, cursor })).rejects.toMatchObject(refused);
    });

    it("refuses an events cursor for deliveries", async () => {
      const { next_cursor } = await store.listEvents({}, { limit: 1 });
      await expect(
        store.listDeliveryPage({}, { limit: 2, cursor: next_cursor! }),
      ).rejects.toMatchObject({ status: 400, code: "invalid_cursor" });
    });
  });
}
