import type { Logger } from "pino";
import { ActionError } from "../targets/action-error.ts";
import type { Action } from "../actions/define-action.ts";
import type { Masker } from "../targets/mask-secrets.ts";
import type { TargetRuntimes } from "../targets/target-runtimes.ts";
import type { Exchange } from "../core/exchange.ts";
import { formatIssues } from "../core/format-issues.ts";
import { issueMessage } from "../core/issue-message.ts";
import { formatProblem } from "../core/problem.ts";
import type { CompiledAction, CompiledRoute } from "../routing/compile-route.ts";
import { eventContext } from "../templates/event-context.ts";
import type { ClaimedDelivery, DeliveryChange, NewAttempt, Store } from "../store/store.ts";
import type { CircuitBreaker } from "../targets/circuit-breaker.ts";
import { classifyFailure, type Failure } from "./classify-failure.ts";
import type { RouteCache } from "./route-cache.ts";
import { retryDelay, waitDelay } from "./retry-delay.ts";
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
}

/**
 * Carries one claimed delivery as far as it goes now: its actions in order from the one not yet
 * done, each rendered from the event and earlier outputs, validated, run and recorded; stops at
 * the end, at a failure (rescheduled or final), at a paused target, or when the lease is lost.
 */
export async function runDelivery(
  delivery: ClaimedDelivery,
  deps: DeliveryDeps,
  signal: AbortSignal,
): Promise<void> {
  const { store, owner, now, masker } = deps;
  const lease = deps.delivery.lease;
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

  let route: CompiledRoute;
  try {
    route = deps.routes.get(delivery.route_snapshot);
  } catch (error) {
    await settle({ status: "failed", last_error: `invalid_route: ${(error as Error).message}` });
    return;
  }
  const schedule = route.config.retry ?? deps.delivery.retry;
  const maxAge = route.config.max_age ?? deps.delivery.max_age;
  const outputs = { ...delivery.outputs };
  const cache = new Map<string, unknown>();
  let index = delivery.next_action;
  let attempts = delivery.attempts;

  while (index < route.actions.length && !signal.aborted) {
    const action = route.actions[index] as CompiledAction;
    const definition = deps.actions.get(action.type);
    const target = deps.targets.get(action.target);
    const context = eventContext(delivery.event, stepsOf(route, outputs));
    const started = now();
    const exchanges: Exchange[] = [];
    const attempt = (outcome: NewAttempt["outcome"], failure?: Failure): NewAttempt => ({
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
    const nextOf = (next: number): DeliveryChange => ({
      status: next >= route.actions.length ? "succeeded" : "running",
      next_action: next,
      outputs,
      attempts: 0,
      wait_since: null,
      last_error: null,
      next_target: route.actions[next]?.target ?? null,
      next_attempt_at: now() + lease,
    });

    if (action.when && !(await action.when.evaluate(context)).matched) {
      if (!(await settle(nextOf(index + 1), attempt("skipped")))) return;
      index += 1;
      attempts = 0;
      continue;
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
      await settle(
        { status: "failed", last_error: `${failure.code}: ${failure.message}` },
        attempt("failed", failure),
      );
      return;
    }
    if (!deps.breaker.allow(action.target, now())) {
      const wait = deps.breaker.pausedFor(action.target, now()) || (deps.probeWait ?? 1000);
      await settle({
        status: "pending",
        next_attempt_at: now() + wait,
        next_target: action.target,
      });
      return;
    }

    let output: unknown;
    try {
      const rendered = await action.params.render(context);
      const parsed = definition.params.safeParse(rendered, { error: issueMessage });
      if (!parsed.success) {
        const details = formatIssues(parsed.error.issues, rendered).map((p) =>
          formatProblem({ ...p, path: [action.type, ...p.path] }),
        );
        throw new ActionError("invalid_params", details.join("; "));
      }
      output = await definition.run(parsed.data, {
        target: target.config,
        targetName: target.name,
        http: (request) => target.http.send(request, { exchanges, signal }),
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
      await settleFailure(failure, {
        action,
        delivery,
        deps,
        schedule,
        maxAge,
        attempts,
        settle,
        attempt,
      });
      return;
    }
    deps.breaker.succeeded(action.target);
    // Stored once, by index (steps.<id> refers to it), and masked like attempts: what a retry
    // reads back is what later actions saw.
    outputs[String(index)] = masker.value(output ?? null);
    if (!(await settle(nextOf(index + 1), attempt(target.config.dry_run ? "dry_run" : "ok"))))
      return;
    index += 1;
    attempts = 0;
  }
}

interface FailureContext {
  action: CompiledAction;
  delivery: ClaimedDelivery;
  deps: DeliveryDeps;
  schedule: readonly number[];
  maxAge: number;
  attempts: number;
  settle: (change: DeliveryChange, attempt?: NewAttempt) => Promise<boolean>;
  attempt: (outcome: NewAttempt["outcome"], failure?: Failure) => NewAttempt;
}

async function settleFailure(failure: Failure, c: FailureContext): Promise<void> {
  const { deps, action, delivery } = c;
  const now = deps.now();
  const lastError = `${failure.code}: ${failure.message}`;
  const base = { next_target: action.target, last_error: lastError };
  deps.log.warn(
    {
      delivery_id: delivery.id,
      route_id: delivery.route_id,
      action: action.type,
      target: action.target,
      code: failure.code,
      kind: failure.kind,
    },
    failure.message,
  );

  if (failure.kind === "wait") {
    deps.breaker.settled(action.target);
    const since = delivery.wait_since ?? now;
    const waitFor = failure.waitFor ?? 7 * 86_400_000;
    if (now - since >= waitFor) {
      await c.settle(
        {
          ...base,
          status: "failed",
          last_error: `${failure.code}: ${failure.message} (gave up after waiting ${Math.round((now - since) / 1000)} s)`,
        },
        c.attempt("failed", failure),
      );
      return;
    }
    await c.settle(
      {
        ...base,
        status: "pending",
        wait_since: since,
        next_attempt_at: now + waitDelay(c.schedule, now - since),
      },
      c.attempt("wait", failure),
    );
    return;
  }
  if (failure.kind === "failed") {
    if (failure.status === undefined) deps.breaker.settled(action.target);
    else deps.breaker.succeeded(action.target);
    await c.settle({ ...base, status: "failed" }, c.attempt("failed", failure));
    return;
  }
  // A throttling target (429) pauses everyone without burning an attempt (DESIGN: guarantees).
  const attempts = failure.throttled ? c.attempts : c.attempts + 1;
  if (failure.throttled) {
    const until = now + (failure.retryAfterMs ?? retryDelay(c.schedule, 1));
    deps.breaker.pause(action.target, until);
    await deps.store.pauseTarget(action.target, until, lastError);
  }
  if (!failure.throttled) {
    const tripped = deps.breaker.failed(action.target, now);
    if (tripped !== undefined)
      await deps.store.pauseTarget(
        action.target,
        tripped,
        `circuit open after repeated failures: ${lastError}`,
      );
  } else {
    deps.breaker.settled(action.target);
  }
  const age = now - delivery.created_at;
  if (age >= c.maxAge) {
    await c.settle(
      {
        ...base,
        status: "failed",
        attempts,
        last_error: `max_age_exceeded: still failing after ${Math.round(age / 3_600_000)} h; last error ${lastError}`,
      },
      c.attempt("failed", failure),
    );
    return;
  }
  const delay = Math.max(retryDelay(c.schedule, attempts), failure.retryAfterMs ?? 0);
  await c.settle(
    { ...base, status: "pending", attempts, next_attempt_at: now + delay },
    c.attempt("retry", failure),
  );
}

/** `steps.<id>` for templates: the outputs (stored by action index) of finished actions with an id. */
function stepsOf(route: CompiledRoute, outputs: Record<string, unknown>): Record<string, unknown> {
  const steps: Record<string, unknown> = {};
  route.actions.forEach((action, index) => {
    if (action.id && String(index) in outputs) steps[action.id] = outputs[String(index)];
  });
  return steps;
}
