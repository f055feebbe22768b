import type { Action } from "../../actions/define-action.ts";
import type { InboundEvent } from "../../core/inbound-event.ts";
import { newEventId } from "../../core/new-event-id.ts";
import { renderAction } from "../../dispatch/render-action.ts";
import type { CompiledRoute } from "../../routing/compile-route.ts";
import { describeWhyNot } from "../../routing/describe-why-not.ts";
import { selectRoutes } from "../../routing/select-routes.ts";
import type { NewDelivery } from "../../store/store.ts";
import { eventContext } from "../../templates/event-context.ts";
import type { TemplateContext } from "../../templates/template-context.ts";
import type { PlannedRouteView, RouteVerdictView } from "../api/response-schemas.ts";

export interface ReplayPlan {
  routes: PlannedRouteView[];
  unmatched: RouteVerdictView[];
  /** The deliveries a real replay stores. */
  deliveries: NewDelivery[];
}

const PENDING = (text: string) => `<pending: ${text.trim()}>`;

/**
 * Routes a stored event through `routes` again, as ingest would (conditions, order keys, first
 * targets), and renders each matched route's first action as `explain` does; nothing is stored.
 */
export async function planReplay(
  event: InboundEvent,
  routes: readonly CompiledRoute[],
  actions: ReadonlyMap<string, Action>,
): Promise<ReplayPlan> {
  const context = eventContext(event);
  const selection = await selectRoutes(routes, context);
  const plan: ReplayPlan = {
    routes: [],
    unmatched: selection.unmatched.map((u) => ({
      id: u.route.id,
      matched: false,
      why_not: describeWhyNot(u.why),
    })),
    deliveries: [],
  };
  for (const route of selection.matched) {
    plan.routes.push({ id: route.id, first_action: await renderFirst(route, actions, context) });
    plan.deliveries.push({
      id: newEventId(),
      route_id: route.id,
      route_snapshot: route.snapshot,
      order_key: route.orderBy ? await renderKey(route.orderBy.render(context)) : null,
      next_target: route.actions[0]?.target ?? null,
    });
  }
  return plan;
}

async function renderFirst(
  route: CompiledRoute,
  actions: ReadonlyMap<string, Action>,
  context: TemplateContext,
): Promise<PlannedRouteView["first_action"]> {
  const action = route.actions[0];
  if (!action) return null;
  const base = { type: action.type, target: action.target };
  try {
    if (action.when) {
      const result = await action.when.evaluate(context);
      if (!result.matched) return { ...base, params: null, skipped: describeWhyNot(result.why) };
    }
    const rendered = await renderAction(action, actions.get(action.type), context, (t) =>
      PENDING(t.text),
    );
    return {
      ...base,
      params: rendered.rendered,
      ...(rendered.status === "invalid" ? { problems: rendered.problems } : {}),
    };
  } catch (error) {
    return { ...base, params: null, error: (error as Error).message };
  }
}

/** An order key as ingest renders it: absent or failing is no key. */
async function renderKey(rendering: Promise<unknown>): Promise<string | null> {
  try {
    const value = await rendering;
    if (value === undefined || value === null || value === "") return null;
    return typeof value === "string" ? value : JSON.stringify(value);
  } catch {
    return null;
  }
}
