import { reportAttempt } from "./report-attempt.ts";
import type { Logger } from "pino";
import { ActionError } from "../targets/action-error.ts";
import type { Action } from "../actions/define-action.ts";
import type { Masker } from "../targets/mask-secrets.ts";
import type { TargetRuntimes } from "../targets/target-runtimes.ts";
import type { Exchange } from "../core/exchange.ts";
import { noTelemetry, type Telemetry } from "../core/telemetry.ts";
import type { CompiledAction, CompiledRoute } from "../routing/compile-route.ts";
import { eventContext } from "../templates/event-context.ts";
import type {
  AttemptOutcome,
  ClaimedDelivery,
  DeliveryChange,
  NewAttempt,
  Store,
} from "../store/store.ts";
import type { CircuitBreaker } from "../targets/circuit-breaker.ts";
import { PAUSED_UNTIL_RESUMED } from "../store/operator-store.ts";
import { classifyFailure, type Failure } from "./classify-failure.ts";
import type { RouteCache } from "./route-cache.ts";
import { decideNext } from "./decide-next.ts";
import type { Decision, DeliveryPolicy, DeliveryState, StepOutcome } from "./delivery-step.ts";
import { createDryRunAnswers } from "./create-dry-run-answers.ts";
import { renderAction } from "./render-action.ts";
import { reportToBreaker } from "./report-to-breaker.ts";
import type { DeliverySettings } from "../routing/delivery-schema.ts";
import type { TemplateSettings } from "../templates/template-functions.ts";

export interface DeliveryDeps {
  store: Store;
  owner: string;
  /** `delivery:` settings (lease, default retry schedule and max age). */
  delivery: DeliverySettings;
  templates: TemplateSettings;
  actions: ReadonlyMap<string, Action>;
  targets: TargetRuntimes;
  routes: RouteCache;
  breaker: CircuitBreaker;
  log: Logger;
  /** Masks the config's secrets in everything a delivery stores or logs: outputs, errors, attempts. */
  masker: Masker;
  now: () => number;
  /** How long to wait for a target's probe (half-open breaker) before looking again. */
  probeWait?: number;
  /** A target was held because it refused the credentials (alerts look at once). */
  onHeld?: (target: string) => void;
  /** Counts attempts and finished deliveries (nothing counted when absent). */
  telemetry?: Telemetry;
}

/**
 * Carries one claimed delivery as far as it goes now: its actions in order from the one not yet
 * done, each rendered from the event and earlier outputs, validated, run and recorded; stops at
 * the end, at a failure (rescheduled or final), at a paused target, or when the lease is lost.
 * What each outcome means is decideNext's; this does the I/O and logs what it says.
 */
export async function runDelivery(
  delivery: ClaimedDelivery,
  deps: DeliveryDeps,
  signal: AbortSignal,
): Promise<void> {
  const { store, owner, now, masker } = deps;
  const telemetry = deps.telemetry ?? noTelemetry;
  const log = deps.log.child({
    event_id: delivery.event.id,
    delivery_id: delivery.id,
    route_id: delivery.route_id,
  });
  const settle = (change: DeliveryChange, attempt?: NewAttempt) =>
    store.advance({
      delivery_id: delivery.id,
      owner,
      now: now(),
      change: change.last_error
        ? { ...change, last_error: masker.text(change.last_error) }
        : change,
      ...(attempt ? { attempt: masker.value(attempt) as NewAttempt } : {}),
    });
  let state: DeliveryState = delivery;
  let policy = policyOf(deps, []);
  /** Decides what the outcome means, then logs, pauses and stores that; true to go on now. */
  const step = async (outcome: StepOutcome, attempt?: AttemptOf): Promise<boolean> => {
    const decision = decideNext(state, outcome, policy, now());
    writeLog(log, decision);
    if (decision.pause) {
      const { target, until, reason } = decision.pause;
      deps.breaker.pause(target, until);
      await store.pauseTarget(target, until, reason);
    }
    if (decision.hold) {
      const { target, reason } = decision.hold;
      const at = now();
      await store.holdTarget(target, {
        cause: "credentials",
        until: null,
        reason,
        by: "botbridge",
        now: at,
      });
      deps.breaker.pause(target, PAUSED_UNTIL_RESUMED);
      deps.onHeld?.(target);
    }
    if (!decision.change) return false;
    const failure = outcome.kind === "failure" ? outcome.failure : undefined;
    const record = decision.attempt && attempt?.(decision.attempt, failure);
    if (record) reportAttempt(telemetry, delivery.route_id, record);
    if (!(await settle(decision.change, record))) {
      writeLog(log, decideNext(state, { kind: "lease_lost" }, policy, now()));
      return false;
    }
    const { status } = decision.change;
    if (status === "succeeded" || status === "failed" || status === "cancelled")
      telemetry.deliveryFinished({
        route: delivery.route_id,
        status,
        seconds: (now() - Date.parse(delivery.event.received_at)) / 1000,
      });
    if (!decision.next) return false;
    state = decision.next;
    return true;
  };

  let route: CompiledRoute;
  try {
    route = deps.routes.get(delivery.route_snapshot);
  } catch (error) {
    await step({ kind: "invalid_route", message: (error as Error).message });
    return;
  }
  policy = policyOf(deps, route.actions, route.config);
  const cache = new Map<string, unknown>();

  while (state.next_action < route.actions.length && !signal.aborted) {
    const index = state.next_action;
    const action = route.actions[index] as CompiledAction;
    const definition = deps.actions.get(action.type);
    const target = deps.targets.get(action.target);
    const context = eventContext(delivery.event, stepsOf(route, state.outputs));
    const started = now();
    const exchanges: Exchange[] = [];
    const attempt: AttemptOf = (outcome, failure) => ({
      action_index: index,
      action_type: action.type,
      target: action.target,
      started_at: started,
      duration_ms: now() - started,
      outcome,
      exchanges,
      response_status: failure?.status ?? exchanges.at(-1)?.status ?? null,
      response_body: failure?.body ?? exchanges.at(-1)?.response_body ?? null,
      error_code: failure?.code ?? null,
      error_message: failure?.message ?? null,
    });

    if (action.when && !(await action.when.evaluate(context)).matched) {
      if (await step({ kind: "skipped" }, attempt)) continue;
      return;
    }
    if (!definition || !target) {
      const failure = classifyFailure(
        new ActionError(
          "unknown_target",
          !definition
            ? `action type ${action.type} is not known to this version`
            : `target "${action.target}" is no longer configured`,
        ),
        now(),
        deps.delivery.max_retry_after,
      );
      await step({ kind: "failure", failure }, attempt);
      return;
    }
    if (!deps.breaker.allow(action.target, now())) {
      await step({ kind: "paused", pausedFor: deps.breaker.pausedFor(action.target, now()) });
      return;
    }

    let output: unknown;
    try {
      const rendered = await renderAction(action, definition, context);
      if (rendered.status === "invalid")
        throw new ActionError("invalid_params", rendered.problems.join("; "));
      // In dry run the target answers as declared (dry_run_answer) or as the action expects.
      const { answer } = createDryRunAnswers({
        action,
        definition,
        params: rendered.params,
        context,
      });
      output = await definition.run(rendered.params, {
        target: target.config,
        targetName: target.name,
        http: (request) => target.http.send(request, { exchanges, signal, answer }),
        dryRun: target.config.dry_run,
        shared: target.shared,
        cache,
        event: delivery.event,
        templates: deps.templates,
        signal,
        now,
      });
    } catch (error) {
      const failure = classifyFailure(error, now(), deps.delivery.max_retry_after);
      failure.message = masker.text(failure.message);
      if (failure.body !== undefined) failure.body = masker.text(failure.body);
      const verdict = reportToBreaker(deps.breaker, action.target, failure, now());
      await step({ kind: "failure", failure, ...verdict }, attempt);
      return;
    }
    const { closed } = reportToBreaker(deps.breaker, action.target, undefined, now());
    const dryRun = target.config.dry_run;
    // Stored once, by index (steps.<id> refers to it), and masked like attempts: what a retry
    // reads back is what later actions saw.
    const masked = masker.value(output ?? null);
    if (!(await step({ kind: "done", output: masked, dryRun, exchanges, closed }, attempt))) return;
  }
}

type AttemptOf = (outcome: AttemptOutcome, failure?: Failure) => NewAttempt;

/** The rules a route's delivery is judged by: its own retry and max_age, else `delivery:`'s. */
function policyOf(
  deps: DeliveryDeps,
  actions: CompiledAction[],
  route?: CompiledRoute["config"],
): DeliveryPolicy {
  return {
    actions,
    retry: route?.retry ?? deps.delivery.retry,
    maxAge: route?.max_age ?? deps.delivery.max_age,
    lease: deps.delivery.lease,
    probeWait: deps.probeWait ?? 1000,
  };
}

function writeLog(log: Logger, decision: Decision): void {
  for (const line of decision.log) log[line.level](line.fields, line.msg);
}

/** `steps.<id>` for templates: the outputs (stored by action index) of finished actions with an id. */
function stepsOf(route: CompiledRoute, outputs: Record<string, unknown>): Record<string, unknown> {
  const steps: Record<string, unknown> = {};
  route.actions.forEach((action, index) => {
    if (action.id && String(index) in outputs) steps[action.id] = outputs[String(index)];
  });
  return steps;
}
