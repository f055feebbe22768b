import { describe, expect, it } from "vitest";
import type { Exchange } from "../core/exchange.ts";
import type { DeliveryChange } from "../store/store.ts";
import { decideNext } from "./decide-next.ts";
import type { Decision, DeliveryPolicy, DeliveryState, StepOutcome } from "./delivery-step.ts";

// The rows before and around failures; decide-failure.test.ts holds the failure rows.

const NOW = Date.parse("2025-01-01T12:00:00Z");
const S = 1000;
const policy: DeliveryPolicy = {
  actions: [
    { type: "http.request", target: "crm", id: "lookup" },
    { type: "bothelp.add_tags", target: "bothelp" },
  ],
  retry: [10 * S, 60 * S],
  maxAge: 86_400_000,
  lease: 30 * S,
  probeWait: 2 * S,
};
const fresh: DeliveryState = {
  next_action: 0,
  attempts: 0,
  outputs: {},
  wait_since: null,
  run_since: NOW - 60 * S,
};
const on = (changes: Partial<DeliveryState>): DeliveryState => ({ ...fresh, ...changes });
const sent: Exchange = {
  method: "POST",
  url: "https://crm.example/leads",
  request_headers: { authorization: "***" },
  request_body: { name: "Ann" },
};
const done = (more: Partial<Extract<StepOutcome, { kind: "done" }>> = {}): StepOutcome => ({
  kind: "done",
  output: { id: 7 },
  dryRun: false,
  exchanges: [sent],
  ...more,
});
const kept = { "0": { id: 7 } };
const moveOn = (next: number, outputs: Record<string, unknown>): DeliveryChange => ({
  status: next === 2 ? "succeeded" : "running",
  next_action: next,
  outputs,
  attempts: 0,
  wait_since: null,
  last_error: null,
  next_target: next === 2 ? null : "bothelp",
  next_attempt_at: NOW + 30 * S,
});
const failure = (closed?: boolean): StepOutcome => ({
  kind: "failure",
  failure: { kind: "failed", code: "http_404", message: "gone", status: 404, throttled: false },
  ...(closed ? { closed } : {}),
});
const gone: DeliveryChange = { status: "failed", next_target: "crm", last_error: "http_404: gone" };

type Row = [
  name: string,
  state: DeliveryState,
  outcome: StepOutcome,
  expected: Omit<Decision, "log">,
  /** Each line as `level code`. */
  log: string[],
];

describe("decideNext", () => {
  it.each<Row>([
    [
      "a route snapshot that no longer compiles fails the delivery, with no attempt",
      fresh,
      { kind: "invalid_route", message: "unknown target" },
      { change: { status: "failed", last_error: "invalid_route: unknown target" } },
      ["error invalid_route"],
    ],
    [
      "a skipped action moves on to the next, and the run goes on",
      fresh,
      { kind: "skipped" },
      { change: moveOn(1, {}), attempt: "skipped", next: on({ next_action: 1 }) },
      [],
    ],
    [
      "a skipped last action ends the delivery succeeded",
      on({ next_action: 1 }),
      { kind: "skipped" },
      { change: moveOn(2, {}), attempt: "skipped" },
      ["info -"],
    ],
    [
      "a done action keeps its output once, by index, and moves on, its wait and attempts over",
      on({ attempts: 2, wait_since: NOW - 60 * S }),
      done(),
      { change: moveOn(1, kept), attempt: "ok", next: on({ next_action: 1, outputs: kept }) },
      [],
    ],
    [
      "a done last action (no output) ends the delivery succeeded",
      on({ next_action: 1, outputs: kept }),
      done({ output: undefined }),
      { change: moveOn(2, { ...kept, "1": null }), attempt: "ok" },
      ["info -"],
    ],
    [
      "a dry-run action is recorded as dry_run, and logged",
      fresh,
      done({ dryRun: true }),
      { change: moveOn(1, kept), attempt: "dry_run", next: on({ next_action: 1, outputs: kept }) },
      ["info -"],
    ],
    [
      "an answer that closes the circuit is logged",
      fresh,
      done({ closed: true }),
      { change: moveOn(1, kept), attempt: "ok", next: on({ next_action: 1, outputs: kept }) },
      ["warn circuit_closed"],
    ],
    [
      "a paused target: pending until the pause ends, no attempt used",
      fresh,
      { kind: "paused", pausedFor: 45 * S },
      { change: { status: "pending", next_attempt_at: NOW + 45 * S, next_target: "crm" } },
      ["info target_paused"],
    ],
    [
      "a target whose probe is out: pending for the probe wait",
      on({ next_action: 1 }),
      { kind: "paused", pausedFor: 0 },
      { change: { status: "pending", next_attempt_at: NOW + 2 * S, next_target: "bothelp" } },
      ["info target_paused"],
    ],
    [
      "a failure: decideFailure's rows",
      fresh,
      failure(),
      { change: gone, attempt: "failed" },
      ["warn http_404"],
    ],
    [
      "a failure that closes the circuit (the target answered) is logged",
      fresh,
      failure(true),
      { change: gone, attempt: "failed" },
      ["warn circuit_closed", "warn http_404"],
    ],
    [
      "a lost lease: nothing to store, and the run stops",
      on({ next_action: 1 }),
      { kind: "lease_lost" },
      {},
      ["warn lease_lost"],
    ],
  ])("%s", (_name, state, outcome, expected, log) => {
    const { log: lines, ...decision } = decideNext(state, outcome, policy, NOW);
    expect(decision).toEqual(expected);
    expect(lines.map((l) => `${l.level} ${(l.fields.code as string | undefined) ?? "-"}`)).toEqual(
      log,
    );
  });

  it.each<[string, StepOutcome, Record<string, unknown>]>([
    ["the request a dry run would have sent", done({ dryRun: true }), { requests: [sent] }],
    [
      "until when a target is paused",
      { kind: "paused", pausedFor: 60 * S },
      { until: "2025-01-01T12:01:00.000Z" },
    ],
    ["a circuit that closed", done({ closed: true }), { code: "circuit_closed" }],
  ])("logs the target with %s", (_name, outcome, fields) => {
    const { log } = decideNext(fresh, outcome, policy, NOW);
    expect(log).toContainEqual(
      expect.objectContaining({ fields: expect.objectContaining({ target: "crm", ...fields }) }),
    );
  });

  it("changes nothing it is given, and answers alike twice", () => {
    const state = on({ outputs: { earlier: 1 } });
    const before = structuredClone(state);
    const first = decideNext(state, done(), policy, NOW);
    expect(decideNext(state, done(), policy, NOW)).toEqual(first);
    expect(state).toEqual(before);
  });
});
