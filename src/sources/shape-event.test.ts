import { describe, expect, it } from "vitest";
import type { InboundEvent } from "../core/inbound-event.ts";
import { shapeEvent } from "./shape-event.ts";

const event = (body: unknown, query: Record<string, unknown> = {}): InboundEvent => ({
  id: "0193f1a0-0000-7000-8000-000000000000",
  source: "s",
  received_at: "2025-01-01T00:00:00.000Z",
  method: "POST",
  path: "/hooks/s",
  query,
  headers: {},
  content_type: null,
  body,
});

describe("shapeEvent", () => {
  it.each<[string, Parameters<typeof shapeEvent>[1], InboundEvent, unknown[]]>([
    ["nothing set", {}, event({ a: 1 }), [{ a: 1 }]],
    ["query as body, no body", { query_as_body: true }, event(undefined, { a: "1" }), [{ a: "1" }]],
    [
      "query as body keeps a real body",
      { query_as_body: true },
      event({ b: 2 }, { a: "1" }),
      [{ b: 2 }],
    ],
    [
      "plus repaired",
      { plus_repair: ["phone"] },
      event({ phone: " 79991234567" }),
      [{ phone: "+79991234567" }],
    ],
    [
      "plus left alone without a leading space",
      { plus_repair: ["phone"] },
      event({ phone: "8 999" }),
      [{ phone: "8 999" }],
    ],
    [
      "plus left alone before a letter",
      { plus_repair: ["phone"] },
      event({ phone: " x" }),
      [{ phone: " x" }],
    ],
    [
      "JSON unpacked, the body's own fields win",
      { json_fields: ["raw"] },
      event({ id: "outer", raw: '{"id":"inner","q":{"a":1},"__proto__":{"x":1}}' }),
      [{ id: "outer", q: { a: 1 } }],
    ],
    [
      "JSON that does not parse stays text",
      { json_fields: ["raw"] },
      event({ raw: "{oops" }),
      [{ raw: "{oops" }],
    ],
    [
      "JSON that is not an object replaces the text",
      { json_fields: ["raw"] },
      event({ raw: "[1,2]" }),
      [{ raw: [1, 2] }],
    ],
    ["split", { split: true }, event([{ n: 1 }, { n: 2 }]), [{ n: 1 }, { n: 2 }]],
    ["split of an object", { split: true }, event({ n: 1 }), [{ n: 1 }]],
    ["split of an empty array", { split: true }, event([]), []],
    [
      "split entities",
      { split: "entities" },
      event({ leads: { status: [{ id: 1 }, { id: 2 }] } }),
      [{ leads: { status: [{ id: 1 }] } }, { leads: { status: [{ id: 2 }] } }],
    ],
    ["split entities of an array", { split: "entities" }, event([{ n: 1 }]), [[{ n: 1 }]]],
    [
      "split: true leaves entities whole",
      { split: true },
      event({ leads: { status: [{ id: 1 }, { id: 2 }] } }),
      [{ leads: { status: [{ id: 1 }, { id: 2 }] } }],
    ],
  ])("%s", (_name, settings, input, bodies) => {
    const shaped = shapeEvent(input, settings);
    expect(shaped.map((e) => e.body)).toEqual(bodies);
    expect(new Set(shaped.map((e) => e.id)).size).toBe(shaped.length);
    if (shaped[0]) expect(shaped[0].id).toBe(input.id);
  });
});
