import { describe, expect, it } from "vitest";
import { alertsSchema } from "../../config/alerts-schema.ts";
import type { TargetState } from "../../store/operator-store.ts";
import { findActiveConditions, type ConditionInputs } from "./find-active-conditions.ts";

const NOW = Date.parse("2025-01-01T12:00:00Z");
const MIN = 60_000;
const defaults = alertsSchema.parse({}).conditions;
const target = (state: Partial<TargetState>): TargetState => ({
  name: "crm",
  paused_until: null,
  paused_by: null,
  pause_reason: null,
  waiting: 0,
  oldest_waiting_at: null,
  last_success_at: null,
  last_failure_at: null,
  last_error: null,
  ...state,
});
const inputs = (changes: Partial<ConditionInputs>): ConditionInputs => ({
  now: NOW,
  host: "h1",
  failing: [],
  targets: [],
  pausedSince: new Map(),
  recentlyPaused: new Set(),
  reloadRefused: null,
  storeBytes: null,
  disk: null,
  credentialVariables: () => ["CRM_TOKEN"],
  ...changes,
});
const failing = (count: number, route = "r1") => ({
  target: "crm",
  route_id: route,
  count,
  last_error: "http_500: x",
});
const held = target({ paused_until: NOW + MIN, paused_by: "credentials", pause_reason: "401" });

describe("findActiveConditions", () => {
  it.each<[string, Partial<ConditionInputs>, string[]]>([
    ["nothing wrong", {}, []],
    ["failures under the count", { failing: [failing(2)] }, []],
    [
      "failures of a target's routes add up",
      { failing: [failing(2), failing(1, "r2")] },
      ["deliveries_failing:crm"],
    ],
    [
      "refused credentials, and no failing issue beside",
      { targets: [held], failing: [failing(9)] },
      ["credentials_refused:crm"],
    ],
    [
      "a 429 pause shorter than longer_than",
      {
        targets: [target({ paused_until: NOW + MIN, paused_by: "rate_limit" })],
        pausedSince: new Map([["crm", NOW - 5 * MIN]]),
      },
      [],
    ],
    [
      "a 429 pause past longer_than",
      {
        targets: [target({ paused_until: NOW + MIN, paused_by: "rate_limit" })],
        pausedSince: new Map([["crm", NOW - 10 * MIN]]),
      },
      ["target_paused:crm"],
    ],
    [
      "a delivery waiting past older_than",
      { targets: [target({ waiting: 3, oldest_waiting_at: NOW - 61 * MIN })] },
      ["waiting_too_long:crm"],
    ],
    [
      "a backlog draining after a pause",
      {
        targets: [target({ waiting: 3, oldest_waiting_at: NOW - 61 * MIN })],
        recentlyPaused: new Set(["crm"]),
      },
      [],
    ],
    ["a refused reload", { reloadRefused: { count: 1, problem: "x" } }, ["reload_refused:h1"]],
    ["a store past no limit", { storeBytes: 10 ** 12 }, []],
    ["a disk nearly full", { disk: { folder: "./data", free: 10 } }, ["disk_free:h1"]],
  ])("%s", (_label, changes, keys) => {
    expect(findActiveConditions(defaults, inputs(changes)).map((c) => c.key)).toEqual(keys);
  });

  it("names the variables of refused credentials, per route when asked, and store_size when set", () => {
    const conditions = alertsSchema.parse({
      conditions: {
        deliveries_failing: { per: "route", count: 1 },
        store_size: { above: "1mb" },
        credentials_refused: { enabled: true },
      },
    }).conditions;
    const found = findActiveConditions(
      conditions,
      inputs({
        targets: [held],
        failing: [{ ...failing(1, "r9"), target: "other" }],
        storeBytes: 2 * 1024 ** 2,
      }),
    );
    expect(found).toEqual([
      {
        key: "deliveries_failing:r9",
        kind: "deliveries_failing",
        subject: "r9",
        facts: expect.objectContaining({ per: "route", count: 1 }) as unknown,
      },
      {
        key: "credentials_refused:crm",
        kind: "credentials_refused",
        subject: "crm",
        facts: { variables: ["CRM_TOKEN"], reason: "401" },
      },
      {
        key: "store_size:",
        kind: "store_size",
        subject: "",
        facts: { bytes: 2 * 1024 ** 2, limit: 1024 ** 2 },
      },
    ]);
  });
});
