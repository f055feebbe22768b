import { describe, expect, it } from "vitest";
import { newEventId } from "./new-event-id.ts";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("newEventId", () => {
  it.each([
    { at: 0, prefix: "00000000-0000" },
    { at: Date.parse("2025-01-01T00:00:00Z"), prefix: "01941f29-7c00" },
    { at: 2 ** 48 - 1, prefix: "ffffffff-ffff" },
  ])("is a UUIDv7 whose first 48 bits are the time: $at", ({ at, prefix }) => {
    const id = newEventId(at);
    expect(id).toMatch(UUID_V7);
    expect(id.slice(0, 13)).toBe(prefix);
  });

  it("sorts by time and never repeats", () => {
    const ids = Array.from({ length: 2000 }, (_, i) => newEventId(1_700_000_000_000 + i));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
