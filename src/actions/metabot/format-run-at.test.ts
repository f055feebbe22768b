import { describe, expect, it } from "vitest";
import { formatRunAt } from "./format-run-at.ts";

describe("formatRunAt", () => {
  it.each<[string | number, string, string]>([
    ["2026-11-24T10:00:00+05:00", "Europe/Moscow", "2026-11-24 08:00:00"],
    ["2026-11-24T10:00:00+0500", "Europe/Moscow", "2026-11-24 08:00:00"],
    ["2026-12-31T22:30:00Z", "Europe/Moscow", "2027-01-01 01:30:00"],
    ["2026-03-29T00:30:00Z", "Europe/Berlin", "2026-03-29 01:30:00"],
    ["2026-03-29T01:30:00Z", "Europe/Berlin", "2026-03-29 03:30:00"],
    [1_795_000_000, "Asia/Vladivostok", "2026-11-18 21:06:40"],
    ["1795000000000", "UTC", "2026-11-18 11:06:40"],
    ["2026-06-01 09:15:00", "Asia/Vladivostok", "2026-06-01 09:15:00"],
    ["2026-06-01T09:15", "Europe/Moscow", "2026-06-01 09:15:00"],
  ])("%j in %s is %s", (value, zone, expected) => {
    expect(formatRunAt(value, zone)).toBe(expected);
  });
});
