import { describe, expect, it } from "vitest";
import { mayBeOneRow } from "./may-be-one-row.ts";

describe("mayBeOneRow", () => {
  it.each([
    ["unique violation", { code: "23505" }, true],
    ["invalid text representation", { code: "22P02" }, true],
    ["deadlock", { code: "40P01" }, true],
    ["serialization failure", { code: "40001" }, true],
    ["commit outcome unknown", { code: "40003" }, false],
    ["statement timeout", { code: "57014" }, false],
    ["read-only transaction", { code: "25006" }, false],
    ["admin shutdown", { code: "57P01" }, false],
    [
      "connection refused",
      Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
      false,
    ],
    ["a client-side timeout", new Error("Query read timeout"), false],
    ["not an error", null, false],
  ])("%s: %s", (_name, error, expected) => {
    expect(mayBeOneRow(error)).toBe(expected);
  });
});
