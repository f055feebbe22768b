import type { PauseInput } from "../api/request-schemas.ts";
import type { TargetView } from "../api/response-schemas.ts";
import { PAUSED_UNTIL_RESUMED } from "../../store/operator-store.ts";
import type { OperateDeps } from "./operate-deps.ts";
import { recordChange } from "./record-change.ts";
import { targetView } from "./to-views.ts";

/** Every configured target and every other one the store knows, with its pause and backlog. */
export async function describeTargets(deps: OperateDeps): Promise<TargetView[]> {
  const now = deps.now();
  const states = await deps.store.targetStates(now, Object.keys(deps.config().targets));
  return states.map((s) => targetView(s, now));
}

/**
 * Holds a target's deliveries (never discards them, never uses up their attempts) until `until`
 * or until resumed, on every instance of the store.
 */
export async function holdTarget(
  name: string,
  input: PauseInput,
  actor: string,
  deps: OperateDeps,
): Promise<void> {
  const now = deps.now();
  const until = input.until === undefined ? null : Date.parse(input.until);
  await deps.store.holdTarget(name, {
    cause: "operator",
    until,
    reason: input.reason ?? `paused by ${actor}`,
    by: actor,
    now,
  });
  deps.breaker.pause(name, until ?? PAUSED_UNTIL_RESUMED);
  await recordChange(deps, {
    actor,
    action: "pause",
    subject: `target:${name}`,
    details: { until: input.until ?? null, reason: input.reason ?? null },
  });
}

/**
 * Ends every pause of a target (by hand, a 429's, the circuit breaker's): its deliveries drain at
 * its rate limit. This process's circuit breaker is closed for it; other instances re-read pauses.
 */
export async function releaseTarget(name: string, actor: string, deps: OperateDeps): Promise<void> {
  // Closed before the store lets its deliveries be claimed (none meets a stale pause here), and
  // again after, in case the dispatcher read the pauses in between.
  deps.breaker.reset(name);
  await deps.store.resumeTarget(name);
  deps.breaker.reset(name);
  await recordChange(deps, { actor, action: "resume", subject: `target:${name}`, details: {} });
}
