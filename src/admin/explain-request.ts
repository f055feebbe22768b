import type { Action } from "../actions/define-action.ts";
import type { Config } from "../config/config.ts";
import type { WhyNot } from "../routing/compile-condition.ts";
import { selectRoutes } from "../routing/select-routes.ts";
import type { HookRequest } from "../sources/hook-request.ts";
import type { InboundEvent } from "../core/inbound-event.ts";
import { prepareRequest, shapeChecked } from "../ingest/prepare-request.ts";
import type { CheckResult } from "../sources/verifiers/check-result.ts";
import { eventContext } from "../templates/event-context.ts";
import {
  previewActions,
  type PreviewDeps,
  type PreviewedAction,
} from "../dispatch/preview-actions.ts";
import { createMasker } from "../targets/mask-secrets.ts";
import { createRateLimits } from "../targets/rate-limits.ts";
import { createTargetRuntimes } from "../targets/target-runtimes.ts";

/** An action of a matched route, as a dry-run delivery would run it (see previewActions). */
export type ExplainedAction = PreviewedAction;

export interface Explanation extends ExplainedEvent {
  /** Every check of the source: a failed one means 401 verification_failed and nothing stored. */
  verification: { verified: boolean; checks: CheckResult[] };
  /** A sender's test request: answered, stored nowhere, routed nowhere. */
  ping: boolean;
  /** The other events of a split request (HubSpot batches), each explained alike. */
  more_events?: ExplainedEvent[];
}

export interface ExplainedEvent {
  event: InboundEvent;
  routes: {
    id: string;
    matched: boolean;
    why?: WhyNot;
    order_key?: string | null;
    actions?: ExplainedAction[];
  }[];
  dedupe_key?: string | null;
}

/**
 * What a request would become, sending nothing: each check's result, the parsed event (or events,
 * for a split request), every route of its source with
 * whether it matched and why not, and each matched route's actions run as a dry-run delivery
 * would: rendered from the event and the outputs of the actions before them, with every target in
 * dry run answering as declared (dry_run_answer), as `answers` says for one action id, or as the
 * action's built-in answer.
 */
export async function explainRequest(
  config: Config,
  actions: ReadonlyMap<string, Action>,
  request: HookRequest,
  now = Date.now(),
  answers: ReadonlyMap<string, unknown> = new Map(),
): Promise<Explanation> {
  const source = config.sources.get(request.source);
  if (!source) throw new Error(`no source named "${request.source}"`);
  const depthLimit = config.settings.server.depth_limit;
  const prepared = await prepareRequest(request, source, now, depthLimit);
  // A refused request is still shown as it would have been routed, credentials left out.
  const stripped = source.verifiers.reduce((e, v) => (v.strip ? v.strip(e) : e), prepared.parsed);
  const events = prepared.verified ? prepared.events : shapeChecked(stripped, source, depthLimit);
  const verification = { verified: prepared.verified, checks: prepared.checks };
  const targets = createTargetRuntimes(config.targets, {
    masker: createMasker(config.secrets),
    rateLimits: createRateLimits(),
    defaultTimeoutMs: config.settings.delivery.timeout,
    maxResponseSize: config.settings.delivery.max_response_size,
    dryRun: true,
  });
  const deps: PreviewDeps = {
    actions,
    targets,
    templates: config.settings.templates,
    answers,
    now: () => now,
  };
  const explained: ExplainedEvent[] = [];
  try {
    if (!prepared.ping) for (const e of events) explained.push(await explainEvent(config, deps, e));
  } finally {
    await targets.close();
  }
  const [first, ...rest] = explained;
  if (!first) return { verification, ping: prepared.ping, event: stripped, routes: [] };
  return {
    verification,
    ping: false,
    ...first,
    ...(rest.length > 0 ? { more_events: rest } : {}),
  };
}

/** One event (a stored one, or one of a request) under `config`: every route of its source, matched or why not, and the matched ones' rendered actions. */
export async function explainEvent(
  config: Config,
  deps: PreviewDeps,
  event: InboundEvent,
): Promise<ExplainedEvent> {
  const context = eventContext(event);
  const selection = await selectRoutes(config.routes, context);
  const routes: Explanation["routes"] = [];
  for (const route of config.routes.filter((r) => r.source === event.source)) {
    const miss = selection.unmatched.find((u) => u.route === route);
    if (miss) {
      routes.push({ id: route.id, matched: false, why: miss.why });
      continue;
    }
    const actions = await previewActions(route, event, deps);
    const orderKey = route.orderBy
      ? await renderForDisplay(route.orderBy.render(context))
      : undefined;
    routes.push({
      id: route.id,
      matched: true,
      actions,
      ...(orderKey !== undefined ? { order_key: orderKey } : {}),
    });
  }
  const source = config.sources.get(event.source);
  const dedupe = source?.dedupe ? await renderForDisplay(source.dedupe.render(context)) : undefined;
  return { event, routes, ...(dedupe !== undefined ? { dedupe_key: dedupe } : {}) };
}

/** A rendered key as text: absent is null, an error is shown in its place. */
async function renderForDisplay(rendering: Promise<unknown>): Promise<string | null> {
  try {
    const value = await rendering;
    return value === undefined || value === null
      ? null
      : typeof value === "string"
        ? value
        : JSON.stringify(value);
  } catch (error) {
    return `<error: ${(error as Error).message}>`;
  }
}
