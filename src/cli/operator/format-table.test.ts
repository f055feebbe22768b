import { describe, expect, it } from "vitest";
import { formatFields, formatTable } from "./format-table.ts";

describe("formatTable", () => {
  it.each([
    [
      "columns aligned, headers in capitals, the last column not padded",
      ["id", "status", "error"],
      [
        ["a1", "failed", "http_400: bad"],
        ["b22", "succeeded", "-"],
      ],
      "ID   STATUS     ERROR\na1   failed     http_400: bad\nb22  succeeded  -",
    ],
    [
      "wide characters counted once",
      ["route", "n"],
      [["доставка", "1"]],
      "ROUTE     N\nдоставка  1",
    ],
    ["a line break in a cell becomes a space", ["a", "b"], [["x\n y", "z"]], "A    B\nx y  z"],
  ])("%s", (_, headers, rows, expected) => {
    expect(formatTable(headers, rows)).toBe(expected);
  });
});

describe("formatFields", () => {
  it("aligns the values", () => {
    expect(
      formatFields([
        ["event", "e1"],
        ["received", "now"],
      ]),
    ).toBe("event:    e1\nreceived: now");
  });
});
