import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSinkBridge, type SinkBridge } from "./start-sink-bridge.ts";

/**
 * A dedupe key and an order key built from a field `storage.redact` masks: the raw value is
 * stored nowhere (the keys are kept as keyed hashes), and dedupe and ordering work as before.
 */
const EMAIL = "Ivan.Petrov@Example.com";

let t: SinkBridge;

beforeEach(async () => {
  t = await startSinkBridge({
    settings: "storage: { redact: [email] }",
    delivery: "poll_interval: 20ms, retry: [10s]",
    source: 'dedupe: "{{ body.email }}/{{ body.form }}"',
    route: 'order_by: "{{ $lowercase(body.email) }}"',
  });
});

afterEach(async () => {
  await t.stop();
});

async function post(body: unknown): Promise<Record<string, unknown>> {
  const response = await t.send(body);
  expect(response.status).toBe(200);
  return response.json as Record<string, unknown>;
}

describe("keys built from a redacted field", () => {
  it("still answer a duplicate and still serialize deliveries; the raw value is nowhere in the database file", async () => {
    t.sink.failNext({ status: 503 });
    const first = await post({ n: 1, email: EMAIL, form: "a" });
    const repeat = await post({ n: 1, email: EMAIL, form: "a" });
    expect(repeat).toEqual({ ok: true, duplicate: true, event_id: first.event_id });
    // another dedupe key, the same order key (lower-cased)
    const second = await post({ n: 2, email: EMAIL.toLowerCase(), form: "b" });
    expect(second.duplicate).toBeUndefined();

    await t.settle();
    expect(t.sink.calls.map((c) => (c.body as { n: number }).n)).toEqual([1]);
    t.advance(10_000);
    const deliveries = await t.settle();
    expect(deliveries.map((d) => d.status)).toEqual(["succeeded", "succeeded"]);
    expect(t.sink.calls.map((c) => (c.body as { n: number }).n)).toEqual([1, 1, 2]);

    const [a, b] = deliveries.map((d) => d.order_key);
    expect(a).toBe(b);
    const files = readdirSync(t.dir).filter((f) => f.startsWith("botbridge.db"));
    const bytes = files.map((f) => readFileSync(join(t.dir, f)).toString("latin1")).join("\n");
    expect(bytes).toContain("[redacted]");
    for (const raw of [EMAIL, EMAIL.toLowerCase(), encodeURIComponent(EMAIL), "Ivan.Petrov"])
      expect(bytes.toLowerCase()).not.toContain(raw.toLowerCase());
    expect(JSON.stringify(t.logs).toLowerCase()).not.toContain("ivan.petrov");
  });
});

describe("search terms of a stored event", () => {
  it("find it by a phone written differently, never by a redacted field's value", async () => {
    const { event_id } = (await post({ n: 3, phone: "8 (912) 345-67-89", email: EMAIL })) as {
      event_id: string;
    };
    const { store } = t.bridge;
    const found = async (terms: string[]) =>
      (await store.listEvents({ terms }, { limit: 10 })).data.map((e) => e.id);
    expect(await found(["+79123456789"])).toEqual([event_id]);
    expect(await found([EMAIL.toLowerCase()])).toEqual([]);
    expect(await found(["ivan"])).toEqual([]);
  });
});
