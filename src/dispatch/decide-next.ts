import type { DeliveryChange } from "../store/store.ts";
import { decideFailure } from "./decide-failure.ts";
import type {
  Decision,
  DeliveryPolicy,
  DeliveryState,
  LogLine,
  StepOutcome,
} from "./delivery-step.ts";

/** The longest a delivery that met a paused target waits before it is looked at again. */
export const PAUSED_RECHECK_MS = 60_000;

/**
 * The delivery state machine: what an action's outcome means for its delivery at `now` (the next
 * action, succeeded, a retry at a time, failed with a reason, waiting for a subscriber, a paused
 * target, lease lost, max age reached), as the change to store, the attempt to record, a pause of
 * the target, and the lines to log. Pure: runDelivery does the I/O.
 */
export function decideNext(
  delivery: DeliveryState,
  outcome: StepOutcome,
  policy: DeliveryPolicy,
  now: number,
): Decision {
  if (outcome.kind === "invalid_route") {
    const message = `the route snapshot no longer compiles: ${outcome.message}`;
    return {
      change: { status: "failed", last_error: `invalid_route: ${outcome.message}` },
      log: [line("error", { code: "invalid_route" }, `delivery failed: ${message}`)],
    };
  }
  if (outcome.kind === "lease_lost") {
    const fields = { code: "lease_lost", action_index: delivery.next_action };
    return { log: [line("warn", fields, "lease lost: another worker carries the delivery on")] };
  }
  const action = policy.actions[delivery.next_action];
  if (!action) throw new Error(`the route has no action ${delivery.next_action}`);
  const about = { action: action.type, target: action.target };
  const closed =
    "closed" in outcome && outcome.closed
      ? [
          line(
            "warn",
            { code: "circuit_closed", target: action.target },
            "circuit closed: the target answers again",
          ),
        ]
      : [];
  switch (outcome.kind) {
    case "skipped":
      return { ...nextOf(delivery, delivery.outputs, policy, now), attempt: "skipped" };
    case "done": {
      const output = outcome.output ?? null;
      const outputs = {
        ...delivery.outputs,
        [String(delivery.next_action)]: output,
      };
      const decision = nextOf(delivery, outputs, policy, now);
      const requests = { ...about, requests: outcome.exchanges };
      const dryRun = outcome.dryRun ? [line("info", requests, "dry run: nothing was sent")] : [];
      const log = [...closed, ...dryRun, ...decision.log];
      return { ...decision, attempt: outcome.dryRun ? "dry_run" : "ok", log };
    }
    case "paused": {
      // The claim skips a paused target's deliveries while the pause lasts, so looking again within
      // a minute costs nothing, and a pause that ends early (an operator's resume) is not waited out.
      const until = now + Math.min(outcome.pausedFor || policy.probeWait, PAUSED_RECHECK_MS);
      const fields = { ...about, code: "target_paused", until: new Date(until).toISOString() };
      return {
        change: { status: "pending", next_attempt_at: until, next_target: action.target },
        log: [line("info", fields, "target paused: the delivery waits")],
      };
    }
    case "failure": {
      const { failure, opened } = outcome;
      const decision = decideFailure(delivery, failure, opened, action, policy, now);
      return { ...decision, log: [...closed, ...decision.log] };
    }
  }
}

/** The action is done (or skipped): on to the next one now, or the delivery succeeded. */
function nextOf(
  delivery: DeliveryState,
  outputs: Record<string, unknown>,
  policy: DeliveryPolicy,
  now: number,
): Decision {
  const next = delivery.next_action + 1;
  const change: DeliveryChange = {
    status: next >= policy.actions.length ? "succeeded" : "running",
    next_action: next,
    outputs,
    attempts: 0,
    wait_since: null,
    last_error: null,
    next_target: policy.actions[next]?.target ?? null,
    next_attempt_at: now + policy.lease,
  };
  if (change.status === "succeeded")
    return { change, log: [line("info", {}, "delivery succeeded")] };
  return {
    change,
    next: { ...delivery, next_action: next, attempts: 0, outputs, wait_since: null },
    log: [],
  };
}

function line(level: LogLine["level"], fields: Record<string, unknown>, msg: string): LogLine {
  return { level, fields, msg };
}
