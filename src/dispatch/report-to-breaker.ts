import type { CircuitBreaker } from "../targets/circuit-breaker.ts";
import type { Failure } from "./classify-failure.ts";

/** What the breaker made of it: the circuit opened (pausing the target until then), or closed. */
export interface BreakerVerdict {
  opened?: number;
  closed?: boolean;
}

/**
 * Tells the circuit breaker what an action's outcome says of its target (`failure` undefined: it
 * succeeded). An answer, even a 4xx, proves the target up; a retryable failure other than a 429
 * counts against it; a 429 (its pause is the delivery's decision), a wait, or a failure before
 * anything was answered ends a probe without a verdict.
 */
export function reportToBreaker(
  breaker: CircuitBreaker,
  target: string,
  failure: Failure | undefined,
  now: number,
): BreakerVerdict {
  if (!failure || (failure.kind === "failed" && failure.status !== undefined))
    return breaker.succeeded(target) ? { closed: true } : {};
  if (failure.kind === "retry" && !failure.throttled) {
    const opened = breaker.failed(target, now);
    return opened === undefined ? {} : { opened };
  }
  breaker.settled(target);
  return {};
}
