import { describe, expect, it } from "vitest";
import { medianOf } from "./median-of.ts";

describe("medianOf", () => {
  it.each<[string, unknown[], unknown]>([
    ["one round is its own median", [{ a: 3 }], { a: 3 }],
    ["odd count: the middle value", [{ a: 3 }, { a: 1 }, { a: 2 }], { a: 2 }],
    [
      "even count: the mean of the middle two",
      [{ a: 1 }, { a: 4 }, { a: 2 }, { a: 3 }],
      { a: 2.5 },
    ],
    [
      "field by field, nested",
      [{ x: { y: 1, z: 9 } }, { x: { y: 3, z: 7 } }, { x: { y: 2, z: 8 } }],
      { x: { y: 2, z: 8 } },
    ],
    ["NaN left out", [{ a: Number.NaN }, { a: 4 }, { a: 2 }], { a: 3 }],
    ["only NaN: NaN", [{ a: Number.NaN }], { a: Number.NaN }],
    ["text from the first round", [{ s: "first" }, { s: "second" }], { s: "first" }],
  ])("%s", (_, rounds, expected) => {
    expect(medianOf(rounds)).toEqual(expected);
  });

  it("refuses no rounds", () => {
    expect(() => medianOf([])).toThrow(/no rounds/);
  });
});
