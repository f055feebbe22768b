import type { EventDetailView, RouteVerdictView } from "../api/response-schemas.ts";
import { HttpError } from "../../core/http-error.ts";
import type { InboundEvent } from "../../core/inbound-event.ts";
import type { Config } from "../../config/config.ts";
import { describeWhyNot } from "../../routing/describe-why-not.ts";
import { selectRoutes } from "../../routing/select-routes.ts";
import { eventContext } from "../../templates/event-context.ts";
import type { OperateDeps } from "./operate-deps.ts";
import { describeDelivery } from "./describe-delivery.ts";
import { iso } from "./to-views.ts";

/**
 * An event as stored (headers with secrets masked), what is known of its verification, every
 * route of its source under today's rules with matched or why not (the words of `botbridge
 * explain`), and its deliveries with their attempts.
 */
export async function describeEvent(id: string, deps: OperateDeps): Promise<EventDetailView> {
  const event = await deps.store.getEvent(id);
  if (!event) throw new HttpError(404, "not_found", `no event ${id}`);
  const config = deps.config();
  const masker = deps.masker();
  const rows = await deps.store.listDeliveries({ event_id: id, limit: 1000 });
  const deliveries = await Promise.all(rows.map((row) => describeDelivery(row.id, deps)));
  const source = config.sources.get(event.source);
  const checks = source?.verifiers.map((v) => v.scheme) ?? [];
  return {
    id: event.id,
    source: event.source,
    received_at: iso(Date.parse(event.received_at)),
    method: event.method,
    path: event.path,
    query: masker.value(event.query) as Record<string, unknown>,
    headers: masker.headers(event.headers),
    content_type: event.content_type,
    body: masker.value(event.body),
    verification: {
      passed: true,
      checks,
      note: "The event is stored, so it passed every check its source made when it arrived (a refused request is never stored). The check results themselves are not kept, and checks cannot run again without the raw body; `checks` are the ones the source makes today.",
    },
    routes: await routeVerdicts(event, config),
    deliveries,
  };
}

/** Every route of the event's source under today's rules: matched, or why not. */
export async function routeVerdicts(
  event: InboundEvent,
  config: Pick<Config, "routes">,
): Promise<RouteVerdictView[]> {
  const selection = await selectRoutes(config.routes, eventContext(event));
  return config.routes
    .filter((route) => route.source === event.source)
    .map((route) => {
      const miss = selection.unmatched.find((u) => u.route === route);
      return miss
        ? { id: route.id, matched: false, why_not: describeWhyNot(miss.why) }
        : { id: route.id, matched: true };
    });
}
