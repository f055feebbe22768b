import { describe, expect, it } from "vitest";
import { CliFailure } from "./cli-failure.ts";
import { describeFilter, parseFilter } from "./parse-filter.ts";
import { parseTimeOption } from "./parse-time-option.ts";

const now = Date.parse("2026-12-06T12:00:00Z");

describe("parseFilter", () => {
  it.each([
    [["status=failed"], { status: "failed" }],
    [["route=crm", "target=bothelp"], { route: "crm", target: "bothelp" }],
    [["event=e1", "error_code=http_400"], { event_id: "e1", error_code: "http_400" }],
    [["since=2h"], { since: "2026-12-06T10:00:00.000Z" }],
    [["until=2026-12-01T00:00:00Z"], { until: "2026-12-01T00:00:00.000Z" }],
    [["route=a=b"], { route: "a=b" }],
  ])("%j", (pairs, expected) => {
    expect(parseFilter(pairs, now)).toEqual(expected);
  });

  it.each([["colour=red"], ["status"], ["status=broken"], ["route="], ["since=yesterday"]])(
    "refuses %s (exit 2)",
    (pair) => {
      expect(() => parseFilter([pair], now)).toThrow(CliFailure);
      try {
        parseFilter([pair], now);
      } catch (error) {
        expect((error as CliFailure).exitCode).toBe(2);
      }
    },
  );

  it("describes a filter as written", () => {
    expect(describeFilter({ status: "failed", route: "crm" })).toBe("status=failed route=crm");
  });
});

describe("parseTimeOption", () => {
  it.each([
    ["30m", "past", "2026-12-06T11:30:00.000Z"],
    ["30m", "future", "2026-12-06T12:30:00.000Z"],
    ["1d", "past", "2026-12-05T12:00:00.000Z"],
    ["2026-12-01", "past", "2026-12-01T00:00:00.000Z"],
    ["2026-12-01T10:00:00+03:00", "future", "2026-12-01T07:00:00.000Z"],
  ] as const)("%s (%s)", (text, direction, expected) => {
    expect(parseTimeOption("--since", text, now, direction)).toBe(expected);
  });

  it("leaves an absent option absent and refuses words", () => {
    expect(parseTimeOption("--since", undefined, now, "past")).toBeUndefined();
    expect(() => parseTimeOption("--since", "tomorrow", now, "past")).toThrow(/--since tomorrow/);
  });
});
