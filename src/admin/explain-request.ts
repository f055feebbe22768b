import type { Action } from "../actions/define-action.ts";
import type { Config } from "../config/config.ts";
import type { WhyNot } from "../routing/compile-condition.ts";
import { selectRoutes } from "../routing/select-routes.ts";
import type { HookRequest } from "../sources/hook-request.ts";
import type { InboundEvent } from "../core/inbound-event.ts";
import { prepareRequest, shapeChecked } from "../ingest/prepare-request.ts";
import type { CheckResult } from "../sources/verifiers/check-result.ts";
import { eventContext } from "../templates/event-context.ts";
import { renderAction } from "../dispatch/render-action.ts";

export interface ExplainedAction {
  index: number;
  type: string;
  target: string;
  id?: string;
  /** ran: would run; skipped: its `when` is false; pending: its `when` reads steps.*; error: it would fail. */
  status: "ran" | "skipped" | "pending" | "error";
  params?: unknown;
  /** Problems the action's own schema finds in the rendered params (not checked while steps.* are pending). */
  problems?: string[];
  error?: string;
  why?: WhyNot;
}

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

const PENDING = (text: string) => `<pending: ${text.trim()}>`;

/**
 * What a request would become, sending nothing: each check's result, the parsed event (or events,
 * for a split request), every route of its source with
 * whether it matched and why not, and each matched route's actions with rendered params. Values
 * that need earlier actions' outputs (steps.*) are shown as pending.
 */
export async function explainRequest(
  config: Config,
  actions: ReadonlyMap<string, Action>,
  request: HookRequest,
  now = Date.now(),
): Promise<Explanation> {
  const source = config.sources.get(request.source);
  if (!source) throw new Error(`no source named "${request.source}"`);
  const depthLimit = config.settings.server.depth_limit;
  const prepared = await prepareRequest(request, source, now, depthLimit);
  // A refused request is still shown as it would have been routed, credentials left out.
  const stripped = source.verifiers.reduce((e, v) => (v.strip ? v.strip(e) : e), prepared.parsed);
  const events = prepared.verified ? prepared.events : shapeChecked(stripped, source, depthLimit);
  const verification = { verified: prepared.verified, checks: prepared.checks };
  const [first, ...rest] = prepared.ping
    ? []
    : await Promise.all(events.map((e) => explainEvent(config, actions, e)));
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
  actions: ReadonlyMap<string, Action>,
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
    const explained: ExplainedAction[] = [];
    for (const action of route.actions) {
      const base = {
        index: action.index,
        type: action.type,
        target: action.target,
        ...(action.id ? { id: action.id } : {}),
      };
      try {
        if (action.when) {
          const result = await action.when.evaluate(context);
          if (!result.matched) {
            explained.push({ ...base, status: "skipped", why: result.why });
            continue;
          }
        }
        const rendered = await renderAction(action, actions.get(action.type), context, (t) =>
          PENDING(t.text),
        );
        const problems = rendered.status === "invalid" ? rendered.problems : undefined;
        explained.push({
          ...base,
          status: problems ? "error" : "ran",
          params: rendered.rendered,
          ...(problems ? { problems } : {}),
        });
      } catch (error) {
        explained.push({ ...base, status: "error", error: (error as Error).message });
      }
    }
    const orderKey = route.orderBy
      ? await renderForDisplay(route.orderBy.render(context))
      : undefined;
    routes.push({
      id: route.id,
      matched: true,
      actions: explained,
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
