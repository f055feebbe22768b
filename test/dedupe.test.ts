import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSinkBridge, type SinkBridge } from "./start-sink-bridge.ts";

/**
 * `sources.<name>.dedupe` over HTTP: a repeat within `dedupe_window` is answered 200 with the
 * first event's id and creates no event and no delivery; after the window, or when the key
 * renders absent, the same body is a new event.
 */
const dedupe = 'dedupe: "{{ body.id }}", dedupe_window: 1h';
const HOUR = 3_600_000;

let t: SinkBridge;

beforeEach(async () => {
  t = await startSinkBridge({
    source: dedupe,
    sources: `  crm: { ${dedupe} }`,
    body: '{ id: "{{ body.id }}" }',
  });
});

afterEach(async () => {
  await t.stop();
});

async function post(body: unknown, source = "forms"): Promise<Record<string, unknown>> {
  const response = await t.send(body, source);
  expect(response.status).toBe(200);
  return response.json as Record<string, unknown>;
}

describe("a second post", () => {
  it.each<[string, unknown, unknown, number, boolean]>([
    ["with the same key at once", { id: "tr-1" }, { id: "tr-1" }, 0, true],
    ["with the same key and another body", { id: "tr-1", a: 1 }, { id: "tr-1", a: 2 }, 0, true],
    [
      "with the same key 1 ms before the window ends",
      { id: "tr-1" },
      { id: "tr-1" },
      HOUR - 1,
      true,
    ],
    ["with the same key as the window ends", { id: "tr-1" }, { id: "tr-1" }, HOUR, false],
    ["with the same key past the window", { id: "tr-1" }, { id: "tr-1" }, HOUR + 1, false],
    ["with another key", { id: "tr-1" }, { id: "tr-2" }, 0, false],
    ["with a number key equal to a text key", { id: 7 }, { id: "7" }, 0, true],
    ["without the key", { name: "x" }, { name: "x" }, 0, false],
    ["with a null key", { id: null }, { id: null }, 0, false],
    ["with an empty key", { id: "" }, { id: "" }, 0, false],
  ])("%s", async (_name, first, second, advance, duplicate) => {
    const one = await post(first);
    expect(one).toEqual({ ok: true, event_id: expect.any(String) as string });
    // Delivered first: moving the clock an hour with a call in flight would expire its lease.
    await t.settle();
    t.advance(advance);
    const two = await post(second);
    const events = duplicate ? 1 : 2;
    if (duplicate) {
      expect(two).toEqual({ ok: true, duplicate: true, event_id: one.event_id });
    } else {
      expect(two).toEqual({ ok: true, event_id: expect.any(String) as string });
      expect(two.event_id).not.toBe(one.event_id);
    }
    const deliveries = await t.settle();
    expect((await t.bridge.store.stats()).events).toBe(events);
    expect(deliveries.map((d) => d.status)).toEqual(Array<string>(events).fill("succeeded"));
    expect(t.sink.count).toBe(events);
  });
});

describe("dedupe keys", () => {
  it("belong to their source: the same key in another source is a new event", async () => {
    const forms = await post({ id: "tr-1" }, "forms");
    const crm = await post({ id: "tr-1" }, "crm");
    expect(crm).toEqual({ ok: true, event_id: expect.any(String) as string });
    expect(crm.event_id).not.toBe(forms.event_id);
    expect(await post({ id: "tr-1" }, "crm")).toEqual({
      ok: true,
      duplicate: true,
      event_id: crm.event_id,
    });
    expect((await t.bridge.store.stats()).events).toBe(2);
  });

  it("start a new window from the event that took the key again", async () => {
    const first = await post({ id: "tr-1" });
    await t.settle();
    t.advance(HOUR + 1);
    const second = await post({ id: "tr-1" });
    expect(second.event_id).not.toBe(first.event_id);
    await t.settle();
    t.advance(HOUR - 1);
    expect(await post({ id: "tr-1" })).toEqual({
      ok: true,
      duplicate: true,
      event_id: second.event_id,
    });
    await t.settle();
    expect((await t.bridge.store.stats()).events).toBe(2);
    expect(t.sink.calls.map((c) => c.body)).toEqual([{ id: "tr-1" }, { id: "tr-1" }]);
  });
});
