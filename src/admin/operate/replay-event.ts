import type { ReplayInput } from "../api/request-schemas.ts";
import type { ReplayView } from "../api/response-schemas.ts";
import { HttpError } from "../../core/http-error.ts";
import type { CompiledRoute } from "../../routing/compile-route.ts";
import type { DeliveryDetail } from "../../store/operator-store.ts";
import type { OperateDeps } from "./operate-deps.ts";
import { planReplay, type ReplayPlan } from "./plan-replay.ts";
import { recordChange } from "./record-change.ts";

/**
 * Replays a stored event: `current` routes it through today's routes.yaml, `original` runs the
 * route snapshots of its deliveries again. A dry run answers what would happen and what differs
 * from the deliveries it has; a real one stores new deliveries beside them, never through dedupe.
 */
export async function replayEvent(
  id: string,
  input: ReplayInput,
  actor: string,
  deps: OperateDeps,
): Promise<ReplayView> {
  const event = await deps.store.getEvent(id);
  if (!event) throw new HttpError(404, "not_found", `no event ${id}`);
  const rows = await deps.store.listDeliveries({ event_id: id, limit: 1000 });
  const existing = (await Promise.all(rows.map((r) => deps.store.getDelivery(r.id)))).filter(
    (d): d is DeliveryDetail => d !== null,
  );
  const routes = input.rules === "current" ? deps.config().routes : originalRoutes(existing, deps);
  const plan = await planReplay(event, routes, deps.actions);
  const answer: ReplayView = {
    event_id: id,
    rules: input.rules,
    dry_run: input.dry_run,
    dedupe: "bypassed",
    routes: plan.routes,
    unmatched: plan.unmatched,
    differences: differences(plan, existing),
    deliveries: [],
  };
  if (input.dry_run || plan.deliveries.length === 0) return answer;
  await deps.store.addDeliveries(id, plan.deliveries, deps.now());
  answer.deliveries = plan.deliveries.map((d) => d.id);
  await recordChange(deps, {
    actor,
    action: "replay",
    subject: `event:${id}`,
    details: { rules: input.rules, deliveries: answer.deliveries, dedupe: "bypassed" },
  });
  return answer;
}

/** The distinct route snapshots of the event's deliveries, compiled (oldest delivery first). */
function originalRoutes(existing: DeliveryDetail[], deps: OperateDeps): CompiledRoute[] {
  const seen = new Set<string>();
  const routes: CompiledRoute[] = [];
  for (const delivery of existing) {
    const text = JSON.stringify(delivery.route_snapshot);
    if (seen.has(text)) continue;
    seen.add(text);
    try {
      routes.push(deps.routes().get(delivery.route_snapshot));
    } catch (error) {
      throw new HttpError(
        409,
        "snapshot_invalid",
        `the rules delivery ${delivery.id} was made under no longer compile (${(error as Error).message}); replay with current rules`,
      );
    }
  }
  return routes;
}

/** What a replay would change against the deliveries the event already has, in words. */
function differences(plan: ReplayPlan, existing: DeliveryDetail[]): string[] {
  const lines: string[] = [];
  const planned = new Map(plan.deliveries.map((d) => [d.route_id, d]));
  for (const delivery of plan.deliveries) {
    const before = existing.filter((e) => e.route_id === delivery.route_id);
    if (before.length === 0) {
      lines.push(`route ${delivery.route_id}: new, the event has no delivery of it`);
      continue;
    }
    const states = before.map((b) => `${b.id} ${b.status}`).join(", ");
    const changed = before.every(
      (b) => JSON.stringify(b.route_snapshot) !== JSON.stringify(delivery.route_snapshot),
    );
    lines.push(
      `route ${delivery.route_id}: delivered again (already has ${states})${changed ? "; its rules changed since" : ""}`,
    );
  }
  const gone = new Set(existing.map((e) => e.route_id).filter((r) => !planned.has(r)));
  for (const route of gone) {
    const verdict = plan.unmatched.find((u) => u.id === route);
    lines.push(
      verdict?.why_not
        ? `route ${route}: has a delivery but would not match now (${verdict.why_not})`
        : `route ${route}: has a delivery but is no longer in the rules`,
    );
  }
  return lines;
}
