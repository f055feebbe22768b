import type { DeliveryChange } from "../store/store.ts";
import type { Failure } from "./classify-failure.ts";
import type { Decision, DeliveryPolicy, DeliveryState, LogLine } from "./delivery-step.ts";
import { retryDelay, waitDelay } from "./retry-delay.ts";

/** How long an action that waits (a subscriber not there yet) keeps looking, unless it says. */
const WAIT_FOR_DEFAULT = 7 * 86_400_000;

type Pause = NonNullable<Decision["pause"]>;

/**
 * The failure rows of the delivery state machine (see decideNext): retry on the schedule (a
 * Retry-After may ask for longer), look again for what is not there yet, fail at once, or give up
 * past max_age or the wait's deadline; a 429 or a circuit that opened pauses the target too.
 * `opened`: when the circuit breaker opened on this failure, the end of the target's pause.
 */
export function decideFailure(
  delivery: DeliveryState,
  failure: Failure,
  opened: number | undefined,
  action: { type: string; target: string },
  policy: DeliveryPolicy,
  now: number,
): Decision {
  const { target } = action;
  const lastError = `${failure.code}: ${failure.message}`;
  const base = { next_target: target, last_error: lastError };
  const said = { action: action.type, target, code: failure.code, kind: failure.kind };
  const warn = (at?: number): LogLine => ({
    level: "warn",
    fields: at === undefined ? said : { ...said, retry_at: iso(at) },
    msg: failure.message,
  });
  const ends = (change: Omit<DeliveryChange, "status">, log: LogLine[], pause?: Pause) => ({
    change: { ...base, ...change, status: "failed" as const },
    attempt: "failed" as const,
    ...(pause ? { pause } : {}),
    log,
  });

  if (failure.kind === "wait") {
    const since = delivery.wait_since ?? now;
    const waited = now - since;
    if (waited >= (failure.waitFor ?? WAIT_FOR_DEFAULT))
      return ends(
        { last_error: `${lastError} (gave up after waiting ${Math.round(waited / 1000)} s)` },
        [warn()],
      );
    const at = now + waitDelay(policy.retry, waited);
    return {
      change: { ...base, status: "pending", wait_since: since, next_attempt_at: at },
      attempt: "wait",
      log: [warn(at)],
    };
  }
  if (failure.kind === "failed") return ends({}, [warn()]);

  // A throttling target (429) pauses everyone without burning an attempt (DESIGN: guarantees).
  const attempts = failure.throttled ? delivery.attempts : delivery.attempts + 1;
  const pause = pauseOf(failure, opened, target, now, policy);
  const paused = pause ? [pauseLine(pause, failure.throttled)] : [];
  const age = now - delivery.run_since;
  if (age >= policy.maxAge) {
    const why = `still failing after ${Math.round(age / 3_600_000)} h; last error ${lastError}`;
    const gaveUp: LogLine = {
      level: "error",
      fields: { action: action.type, target, code: "max_age_exceeded", last_code: failure.code },
      msg: `gave up: ${why}`,
    };
    return ends({ attempts, last_error: `max_age_exceeded: ${why}` }, [...paused, gaveUp], pause);
  }
  const at = now + Math.max(retryDelay(policy.retry, attempts), failure.retryAfterMs ?? 0);
  return {
    change: { ...base, status: "pending", attempts, next_attempt_at: at },
    attempt: "retry",
    ...(pause ? { pause } : {}),
    log: [warn(at), ...paused],
  };
}

/** A 429 pauses its target until Retry-After (else the first retry wait); so does an opened circuit. */
function pauseOf(
  failure: Failure,
  opened: number | undefined,
  target: string,
  now: number,
  policy: DeliveryPolicy,
): Pause | undefined {
  const lastError = `${failure.code}: ${failure.message}`;
  if (failure.throttled) {
    const until = now + (failure.retryAfterMs ?? retryDelay(policy.retry, 1));
    return { target, until, reason: lastError };
  }
  if (opened === undefined) return undefined;
  return { target, until: opened, reason: `circuit open after repeated failures: ${lastError}` };
}

function pauseLine(pause: Pause, throttled: boolean): LogLine {
  const fields = { target: pause.target, until: iso(pause.until) };
  return throttled
    ? {
        level: "warn",
        fields: { ...fields, code: "target_throttled" },
        msg: "target throttling: paused for every delivery",
      }
    : {
        level: "warn",
        fields: { ...fields, code: "circuit_open" },
        msg: "circuit open after repeated failures: target paused",
      };
}

function iso(at: number): string {
  return new Date(at).toISOString();
}
