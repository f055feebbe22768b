import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "./parse-retry-after.ts";

const NOW = Date.parse("2025-01-01T00:00:00Z");
const HOUR = 3_600_000;

describe("parseRetryAfter", () => {
  it.each<[string, string | undefined, number | undefined]>([
    ["absent", undefined, undefined],
    ["empty", "", undefined],
    ["blank", "   ", undefined],
    ["delay-seconds", "30", 30_000],
    ["zero", "0", 0],
    ["seconds with spaces around", " 120 ", 120_000],
    ["decimal seconds", "1.5", 1500],
    ["exactly the maximum", "3600", HOUR],
    ["a day, cut to the maximum", "86400", HOUR],
    ["400 digits, cut to the maximum", "9".repeat(400), HOUR],
    ["negative seconds", "-5", undefined],
    ["seconds with a unit", "5s", undefined],
    ["an exponent", "1e9", undefined],
    ["Infinity", "Infinity", undefined],
    ["NaN", "NaN", undefined],
    ["hex", "0x10", undefined],
    ["text", "soon", undefined],
    ["text with a year that Date.parse would read", "hello 2025", undefined],
    ["an ISO date (not an HTTP date)", "2025-01-01T00:02:00Z", undefined],
    ["IMF-fixdate two minutes ahead", "Wed, 01 Jan 2025 00:02:00 GMT", 120_000],
    ["RFC 850 date two minutes ahead", "Wednesday, 01-Jan-25 00:02:00 GMT", 120_000],
    ["asctime date two minutes ahead (GMT)", "Wed Jan  1 00:02:00 2025", 120_000],
    ["a date already past", "Tue, 31 Dec 2024 23:59:00 GMT", 0],
    ["a date long past", "Thu, 01 Jan 1970 00:00:00 GMT", 0],
    ["a date in year 9999, cut to the maximum", "Fri, 31 Dec 9999 23:59:59 GMT", HOUR],
    ["a six-digit year", "Sat, 01 Jan 300000 00:00:00 GMT", undefined],
    ["an impossible date", "Wed, 99 Jan 2025 00:02:00 GMT", undefined],
  ])("%s", (_name, value, expected) => {
    expect(parseRetryAfter(value, NOW, HOUR)).toBe(expected);
  });

  it("always answers a finite wait no longer than the maximum", () => {
    for (const value of ["9".repeat(400), "1" + "0".repeat(308), "Fri, 31 Dec 9999 23:59:59 GMT"]) {
      const ms = parseRetryAfter(value, NOW, 5000);
      expect(Number.isFinite(ms)).toBe(true);
      expect(ms).toBe(5000);
    }
  });
});
