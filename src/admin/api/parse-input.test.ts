import { describe, expect, it } from "vitest";
import { parseInput } from "./parse-input.ts";
import {
  bulkBody,
  deliveriesQuery,
  eventsQuery,
  replayBody,
  statsQuery,
} from "./request-schemas.ts";

describe("parseInput: queries", () => {
  it.each([
    ["no parameters: the first page of 50", eventsQuery, {}, { limit: 50 }],
    ["limit as text", eventsQuery, { limit: "500" }, { limit: 500 }],
    [
      "filters and a search",
      eventsQuery,
      { source: "tilda", status: "failed", q: "8 (912) 345-67-89", since: "2026-12-01T00:00:00Z" },
      {
        source: "tilda",
        status: "failed",
        q: "8 (912) 345-67-89",
        since: "2026-12-01T00:00:00Z",
        limit: 50,
      },
    ],
    [
      "a time with an offset",
      deliveriesQuery,
      { until: "2026-12-01T03:00:00+03:00" },
      { until: "2026-12-01T03:00:00+03:00", limit: 50 },
    ],
    ["a stats window", statsQuery, { window: "1h" }, { window: "1h" }],
    ["the default window", statsQuery, {}, { window: "24h" }],
  ])("%s", (_name, schema, query, expected) => {
    expect(parseInput(schema, query, "query")).toEqual(expected);
  });

  it.each([
    ["a limit over 500", eventsQuery, { limit: "501" }, "limit: expected <= 500"],
    ["a limit of 0", eventsQuery, { limit: "0" }],
    ["a limit that is not a number", eventsQuery, { limit: "ten" }],
    ["an unknown status", eventsQuery, { status: "done" }, "status"],
    ["a time that is not ISO 8601", eventsQuery, { since: "yesterday" }, "since"],
    ["an unknown parameter", deliveriesQuery, { stauts: "failed" }, "stauts"],
    ["a repeated parameter", deliveriesQuery, { route: ["a", "b"] }, "route"],
    ["a window in weeks", statsQuery, { window: "2w" }, "window: expected a duration"],
  ])("%s: 400 invalid_query naming it", (_name, schema, query, words?: string) => {
    let thrown: unknown;
    try {
      parseInput(schema, query, "query");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ status: 400, code: "invalid_query" });
    if (words) expect((thrown as Error).message).toContain(words);
  });
});

describe("parseInput: bodies", () => {
  it.each([
    [
      "an empty replay is current rules, for real",
      replayBody,
      {},
      { rules: "current", dry_run: false },
    ],
    [
      "a dry run under original rules",
      replayBody,
      { rules: "original", dry_run: true },
      { rules: "original", dry_run: true },
    ],
    [
      "an estimate",
      bulkBody,
      { filter: { status: "failed" }, estimate: true },
      { filter: { status: "failed" }, estimate: true, force: false },
    ],
  ])("%s", (_name, schema, body, expected) => {
    expect(parseInput(schema, body, "body")).toEqual(expected);
  });

  it("an unknown rules value is 400 invalid_body", () => {
    expect(() => parseInput(replayBody, { rules: "newest" }, "body")).toThrow(
      /invalid body: rules/,
    );
  });
});
