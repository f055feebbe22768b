import type { Telemetry } from "../core/telemetry.ts";
import type { NewAttempt } from "../store/store.ts";

/** An attempt as the metrics count it: by route, target, action, outcome and status class. */
export function reportAttempt(telemetry: Telemetry, route: string, attempt: NewAttempt): void {
  telemetry.attemptFinished({
    route,
    target: attempt.target,
    action: attempt.action_type,
    outcome: attempt.outcome,
    status: attempt.response_status,
    seconds: attempt.duration_ms / 1000,
  });
}
