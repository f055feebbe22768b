import { describe, expect, it } from "vitest";
import { statusClassOf, type StatusClass } from "./status-class-of.ts";

describe("statusClassOf", () => {
  it.each<[number | null, StatusClass]>([
    [200, "2xx"],
    [204, "2xx"],
    [302, "3xx"],
    [400, "4xx"],
    [429, "4xx"],
    [500, "5xx"],
    [503, "5xx"],
    [null, "none"],
    [101, "none"],
    [600, "none"],
    [Number.NaN, "none"],
  ])("%s is %s", (status, expected) => {
    expect(statusClassOf(status)).toBe(expected);
  });
});
