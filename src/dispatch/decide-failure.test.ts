import { describe, expect, it } from "vitest";
import type { DeliveryChange } from "../store/store.ts";
import type { Failure } from "./classify-failure.ts";
import { decideFailure } from "./decide-failure.ts";
import type { Decision, DeliveryPolicy, DeliveryState } from "./delivery-step.ts";

const NOW = Date.parse("2025-01-01T12:00:00Z");
const S = 1000;
const H = 3_600_000;
const action = { type: "http.request", target: "crm" };
const policy: DeliveryPolicy = {
  actions: [action],
  retry: [10 * S, 60 * S, 300 * S],
  maxAge: 24 * H,
  lease: 30 * S,
  probeWait: 2 * S,
};
const fresh: DeliveryState = {
  next_action: 0,
  attempts: 0,
  outputs: {},
  wait_since: null,
  run_since: NOW - H,
};
const on = (changes: Partial<DeliveryState>): DeliveryState => ({ ...fresh, ...changes });
const e503 = "http_503: 503 Service Unavailable";
const retry = (changes: Partial<Failure> = {}): Failure => ({
  kind: "retry",
  code: "http_503",
  message: "503 Service Unavailable",
  throttled: false,
  ...changes,
});
const e429 = "http_429: slow down";
const throttled = (retryAfterMs?: number): Failure =>
  retry({ code: "http_429", message: "slow down", throttled: true, status: 429, retryAfterMs });
const notThere = "subscriber_not_found: no one";
const waiting = (waitFor?: number): Failure =>
  retry({ kind: "wait", code: "subscriber_not_found", message: "no one", waitFor });
const pending = (changes: Partial<DeliveryChange>): DeliveryChange => ({
  status: "pending",
  next_target: "crm",
  last_error: e503,
  ...changes,
});
const failed = (lastError: string, changes: Partial<DeliveryChange> = {}): DeliveryChange => ({
  status: "failed",
  next_target: "crm",
  last_error: lastError,
  ...changes,
});
const pause = (until: number, reason: string) => ({ target: "crm", until, reason });

type Row = [
  name: string,
  state: DeliveryState,
  failure: Failure,
  opened: number | undefined,
  expected: Omit<Decision, "log">,
  /** Each line as `level code`. */
  log: string[],
];

describe("decideFailure", () => {
  it.each<Row>([
    [
      "a permanent failure fails the delivery",
      fresh,
      retry({ kind: "failed", code: "http_400", message: "bad", status: 400 }),
      undefined,
      { change: failed("http_400: bad"), attempt: "failed" },
      ["warn http_400"],
    ],
    [
      "a first retryable failure: retry after the schedule's first wait",
      fresh,
      retry(),
      undefined,
      { change: pending({ attempts: 1, next_attempt_at: NOW + 10 * S }), attempt: "retry" },
      ["warn http_503"],
    ],
    [
      "a third retryable failure: the schedule's third wait",
      on({ attempts: 2 }),
      retry(),
      undefined,
      { change: pending({ attempts: 3, next_attempt_at: NOW + 300 * S }), attempt: "retry" },
      ["warn http_503"],
    ],
    [
      "past the schedule's end its last wait repeats",
      on({ attempts: 7 }),
      retry(),
      undefined,
      { change: pending({ attempts: 8, next_attempt_at: NOW + 300 * S }), attempt: "retry" },
      ["warn http_503"],
    ],
    [
      "a Retry-After longer than the schedule's wait wins",
      fresh,
      retry({ retryAfterMs: 90 * S }),
      undefined,
      { change: pending({ attempts: 1, next_attempt_at: NOW + 90 * S }), attempt: "retry" },
      ["warn http_503"],
    ],
    [
      "a 429 pauses the target until Retry-After without using an attempt",
      on({ attempts: 1 }),
      throttled(120 * S),
      undefined,
      {
        change: pending({ attempts: 1, next_attempt_at: NOW + 120 * S, last_error: e429 }),
        attempt: "retry",
        pause: pause(NOW + 120 * S, e429),
      },
      ["warn http_429", "warn target_throttled"],
    ],
    [
      "a 429 without Retry-After pauses the target for the schedule's first wait",
      fresh,
      throttled(),
      undefined,
      {
        change: pending({ attempts: 0, next_attempt_at: NOW + 10 * S, last_error: e429 }),
        attempt: "retry",
        pause: pause(NOW + 10 * S, e429),
      },
      ["warn http_429", "warn target_throttled"],
    ],
    [
      "a failure that opens the circuit pauses the target until the breaker says",
      fresh,
      retry(),
      NOW + 30 * S,
      {
        change: pending({ attempts: 1, next_attempt_at: NOW + 10 * S }),
        attempt: "retry",
        pause: pause(NOW + 30 * S, `circuit open after repeated failures: ${e503}`),
      },
      ["warn http_503", "warn circuit_open"],
    ],
    [
      "a retryable failure past max_age gives up",
      on({ attempts: 4, run_since: NOW - 25 * H }),
      retry(),
      undefined,
      {
        change: failed(`max_age_exceeded: still failing after 25 h; last error ${e503}`, {
          attempts: 5,
        }),
        attempt: "failed",
      },
      ["error max_age_exceeded"],
    ],
    [
      "max_age counts from run_since (a retry by hand restarts it), whatever the attempts",
      on({ attempts: 4, run_since: NOW - 23 * H }),
      retry(),
      undefined,
      { change: pending({ attempts: 5, next_attempt_at: NOW + 300 * S }), attempt: "retry" },
      ["warn http_503"],
    ],
    [
      "a 429 past max_age gives up, and still pauses the target",
      on({ run_since: NOW - 24 * H }),
      throttled(5 * S),
      undefined,
      {
        change: failed(`max_age_exceeded: still failing after 24 h; last error ${e429}`, {
          attempts: 0,
        }),
        attempt: "failed",
        pause: pause(NOW + 5 * S, e429),
      },
      ["warn target_throttled", "error max_age_exceeded"],
    ],
    [
      "a first wait for a subscriber: pending from now on the schedule, no attempt used",
      fresh,
      waiting(H),
      undefined,
      {
        change: pending({ last_error: notThere, wait_since: NOW, next_attempt_at: NOW + 10 * S }),
        attempt: "wait",
      },
      ["warn subscriber_not_found"],
    ],
    [
      "a wait going on keeps its start and takes the schedule from there",
      on({ wait_since: NOW - 30 * S }),
      waiting(H),
      undefined,
      {
        change: pending({
          last_error: notThere,
          wait_since: NOW - 30 * S,
          next_attempt_at: NOW + 40 * S,
        }),
        attempt: "wait",
      },
      ["warn subscriber_not_found"],
    ],
    [
      "a wait past its deadline fails",
      on({ wait_since: NOW - H }),
      waiting(H),
      undefined,
      { change: failed(`${notThere} (gave up after waiting 3600 s)`), attempt: "failed" },
      ["warn subscriber_not_found"],
    ],
    [
      "a wait with no deadline of its own gives up after 7 days",
      on({ wait_since: NOW - 7 * 24 * H }),
      waiting(),
      undefined,
      { change: failed(`${notThere} (gave up after waiting 604800 s)`), attempt: "failed" },
      ["warn subscriber_not_found"],
    ],
  ])("%s", (_name, state, failure, opened, expected, log) => {
    const { log: lines, ...decision } = decideFailure(state, failure, opened, action, policy, NOW);
    expect(decision).toEqual(expected);
    expect(lines.map((l) => `${l.level} ${l.fields.code as string}`)).toEqual(log);
  });

  it.each<[string, DeliveryState, Failure, number | undefined, Record<string, unknown>]>([
    ["a retry, and when", fresh, retry(), undefined, { retry_at: "2025-01-01T12:00:10.000Z" }],
    ["a 429's pause", fresh, throttled(60 * S), undefined, { until: "2025-01-01T12:01:00.000Z" }],
    ["an opened circuit", fresh, retry(), NOW + H, { until: "2025-01-01T13:00:00.000Z" }],
    [
      "giving up at max_age",
      on({ run_since: 0 }),
      retry(),
      undefined,
      { code: "max_age_exceeded", last_code: "http_503", action: "http.request" },
    ],
  ])("logs the target with %s", (_name, state, failure, opened, fields) => {
    const { log } = decideFailure(state, failure, opened, action, policy, NOW);
    expect(log).toContainEqual(
      expect.objectContaining({ fields: expect.objectContaining({ target: "crm", ...fields }) }),
    );
  });
});
