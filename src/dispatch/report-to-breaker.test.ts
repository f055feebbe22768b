import { describe, expect, it } from "vitest";
import { createCircuitBreaker, type CircuitBreaker } from "../targets/circuit-breaker.ts";
import type { Failure } from "./classify-failure.ts";
import { reportToBreaker, type BreakerVerdict } from "./report-to-breaker.ts";

const NOW = Date.parse("2025-01-01T12:00:00Z");
const COOL_DOWN = 30_000;
const failure = (changes: Partial<Failure>): Failure => ({
  kind: "retry",
  code: "http_503",
  message: "503",
  throttled: false,
  ...changes,
});
const e503 = failure({ status: 503 });
const e429 = failure({ code: "http_429", status: 429, throttled: true });
const e400 = failure({ kind: "failed", code: "http_400", status: 400 });
const invalidParams = failure({ kind: "failed", code: "invalid_params" });
const notThere = failure({ kind: "wait", code: "subscriber_not_found" });

/** One failure short of tripping. */
const failedOnce = (b: CircuitBreaker) => b.failed("crm", NOW);
/** Tripped, cooled down, and its one probe out (the call being reported). */
const probing = (b: CircuitBreaker) => {
  b.failed("crm", NOW - COOL_DOWN);
  b.failed("crm", NOW - COOL_DOWN);
  b.allow("crm", NOW);
};

describe("reportToBreaker", () => {
  it.each<[string, (b: CircuitBreaker) => void, Failure | undefined, BreakerVerdict, boolean]>([
    ["a success on a healthy target", () => undefined, undefined, {}, true],
    ["a successful probe closes the circuit", probing, undefined, { closed: true }, true],
    ["a first retryable failure counts", () => undefined, e503, {}, true],
    [
      "a failure that reaches the limit opens it",
      failedOnce,
      e503,
      { opened: NOW + COOL_DOWN },
      false,
    ],
    ["a failed probe opens it again", probing, e503, { opened: NOW + COOL_DOWN }, false],
    ["a 4xx answer proves the target up", failedOnce, e400, {}, true],
    ["a 4xx answer to a probe closes the circuit", probing, e400, { closed: true }, true],
    ["a 429 does not count against the target", failedOnce, e429, {}, true],
    ["a 429 to a probe frees the probe", probing, e429, {}, true],
    ["a failure before any answer frees the probe", probing, invalidParams, {}, true],
    ["a wait frees the probe", probing, notThere, {}, true],
  ])("%s", (_name, before, reported, verdict, allowedAfter) => {
    const breaker = createCircuitBreaker({ failures: 2, coolDown: COOL_DOWN });
    before(breaker);
    expect(reportToBreaker(breaker, "crm", reported, NOW)).toEqual(verdict);
    expect(breaker.allow("crm", NOW)).toBe(allowedAfter);
  });

  it("counts failures towards the limit only until an answer", () => {
    const breaker = createCircuitBreaker({ failures: 2, coolDown: COOL_DOWN });
    reportToBreaker(breaker, "crm", e503, NOW);
    reportToBreaker(breaker, "crm", e400, NOW);
    expect(reportToBreaker(breaker, "crm", e503, NOW)).toEqual({});
  });
});
