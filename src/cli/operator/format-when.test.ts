import { describe, expect, it } from "vitest";
import { formatAgo, formatWhen } from "./format-when.ts";

// local times, so the expectations hold in any time zone
const now = new Date(2026, 11, 6, 14, 5, 11).getTime();
const local = (...parts: [number, number, number, number, number, number?]) =>
  new Date(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5] ?? 0).getTime();

describe("formatWhen", () => {
  it.each([
    ["today: the time of day", local(2026, 11, 6, 14, 2, 11), "14:02:11 (3 min ago)"],
    [
      "as an ISO text",
      new Date(local(2026, 11, 6, 14, 2, 11)).toISOString(),
      "14:02:11 (3 min ago)",
    ],
    ["this year: the date", local(2026, 11, 5, 9, 15), "12-05 09:15 (29 h ago)"],
    ["another year: the year too", local(2025, 0, 2, 8, 0), "2025-01-02 08:00 (703 d ago)"],
    ["ahead: in", now + 40_000, "14:05:51 (in 40 s)"],
    ["nothing", null, "-"],
    ["not a time", "soon", "-"],
  ])("%s", (_, time, expected) => {
    expect(formatWhen(time, now)).toBe(expected);
  });
});

describe("formatAgo", () => {
  it.each([
    [0, "just now"],
    [1_000, "just now"],
    [45_000, "45 s ago"],
    [3 * 60_000, "3 min ago"],
    [89 * 60_000, "89 min ago"],
    [5 * 3_600_000, "5 h ago"],
    [3 * 86_400_000, "3 d ago"],
    [-2 * 3_600_000, "in 2 h"],
  ])("%i ms ago: %s", (ago, expected) => {
    expect(formatAgo(now - ago, now)).toBe(expected);
  });
});
