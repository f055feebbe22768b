import { describe, expect, it } from "vitest";
import { decideFailure } from "./decide-failure.ts";
import type { DeliveryPolicy } from "./delivery-step.ts";

const NOW = Date.parse("2025-01-01T12:00:00Z");
const H = 3_600_000;
const action = { type: "http.request", target: "crm" };
const policy: DeliveryPolicy = {
  actions: [action],
  retry: [10_000],
  maxAge: 24 * H,
  lease: 30_000,
  probeWait: 2000,
};

describe("decideFailure on refused credentials", () => {
  it("holds the target; the delivery waits now, its attempts untouched, even past max_age", () => {
    const state = {
      next_action: 0,
      attempts: 2,
      outputs: {},
      wait_since: null,
      run_since: NOW - 100 * H,
    };
    const failure = {
      kind: "credentials" as const,
      code: "credentials_refused",
      message: "crm refused",
      status: 401,
      throttled: false,
    };
    const decision = decideFailure(state, failure, undefined, action, policy, NOW);
    const lastError = "credentials_refused: crm refused";
    expect(decision).toMatchObject({
      change: {
        status: "pending",
        next_target: "crm",
        last_error: lastError,
        next_attempt_at: NOW,
      },
      attempt: "retry",
      hold: { target: "crm", reason: lastError },
    });
    expect(decision.change?.attempts).toBeUndefined();
    expect(decision.log.map((l) => `${l.level} ${String(l.fields.code)}`)).toEqual([
      "error credentials_refused",
    ]);
  });
});
