import type { Logger } from "pino";
import { selectRoutes, type RouteSelection } from "../routing/select-routes.ts";
import { REDACTED, redactEvent } from "../store/redact-event.ts";
import type { ClaimedDelivery, IngestResult, NewDelivery, Store } from "../store/store.ts";
import type { CompiledTemplate } from "../templates/compile-template.ts";
import { TemplateError } from "../templates/template-error.ts";
import { eventContext } from "../templates/event-context.ts";
import type { TemplateContext } from "../templates/template-context.ts";
import type { InboundEvent } from "../core/inbound-event.ts";
import { newEventId } from "../core/new-event-id.ts";
import type { Telemetry } from "../core/telemetry.ts";
import { searchTermsOf, searchTextOf } from "./extract-search-terms.ts";
import type { DeliveryHandoff } from "../store/delivery-handoff.ts";
import type { IngestRules } from "./ingest-rules.ts";

export interface Accepted {
  result: IngestResult;
  selection: RouteSelection;
  /** The ids of the deliveries stored with the event (none for a repeat). */
  delivery_ids: string[];
  /** True when the dispatcher took every delivery at once: none waits in the store. */
  handed_off: boolean;
}

/**
 * Stage 3: routes the event, then stores it with one delivery per matched route in one
 * transaction (or finds it is a repeat). Only after this resolves may the sender get its 2xx.
 */
export async function acceptEvent(
  event: InboundEvent,
  deps: {
    rules: IngestRules;
    store: Store;
    log: Logger;
    telemetry?: Telemetry;
    handoff?: DeliveryHandoff;
  },
): Promise<Accepted> {
  const { rules, store, log } = deps;
  const context = eventContext(event);
  const selection = await selectRoutes(rules.routes, context);
  const source = rules.sources.get(event.source);
  const deliveries: NewDelivery[] = [];
  for (const route of selection.matched) {
    deliveries.push({
      id: newEventId(),
      route_id: route.id,
      route_snapshot: route.snapshot,
      order_key: route.orderBy
        ? await renderKey(route.orderBy, context, log, `routes.${route.id}.order_by`)
        : null,
      next_target: route.actions[0]?.target ?? null,
    });
  }
  const dedupeKey = source?.dedupe
    ? await renderKey(source.dedupe, context, log, `sources.${event.source}.dedupe`)
    : null;
  const dedupe =
    dedupeKey === null || !source
      ? undefined
      : { key: dedupeKey, expires_at: Date.parse(event.received_at) + source.config.dedupe_window };
  const stored = redactEvent(event, rules.redact);
  // searchable by what is stored: masked values are never terms
  const terms = searchTermsOf(
    searchTextOf([stored.body, stored.query], REDACTED),
    rules.defaultCountry,
  );
  // deliveries without an order key may run at once; those with one wait for the claim, which
  // knows whether an earlier one of the same key is unfinished
  const lease =
    deps.handoff && deliveries.length > 0 && deliveries.every((d) => d.order_key === null)
      ? deps.handoff.reserve(
          deliveries.map((d) => d.next_target),
          Date.parse(stored.received_at),
        )
      : undefined;
  let result: IngestResult;
  try {
    result = await store.ingest({
      event: stored,
      deliveries,
      terms,
      ...(dedupe ? { dedupe } : {}),
      ...(lease ? { lease } : {}),
    });
  } catch (error) {
    if (lease) deps.handoff?.release(deliveries.length);
    throw error;
  }
  // the store leaves a delivery to a paused or held target pending: its room goes back
  const taken = new Set(result.duplicate ? [] : (result.leased ?? []));
  const run = deliveries.filter((d) => taken.has(d.id));
  if (lease && run.length < deliveries.length)
    deps.handoff?.release(deliveries.length - run.length);
  if (run.length > 0) deps.handoff?.run(run.map((d) => leased(d, stored)));
  const delivery_ids = result.duplicate ? [] : deliveries.map((d) => d.id);
  if (!result.duplicate)
    for (const d of deliveries) deps.telemetry?.deliveryCreated({ route: d.route_id });
  return { result, selection, delivery_ids, handed_off: run.length === deliveries.length };
}

/** A delivery as the claim would have returned it, stored under the ingest's lease. */
function leased(d: NewDelivery, event: InboundEvent): ClaimedDelivery {
  const now = Date.parse(event.received_at);
  return {
    id: d.id,
    event,
    route_id: d.route_id,
    route_snapshot: d.route_snapshot,
    status: "running",
    next_action: 0,
    outputs: {},
    attempts: 0,
    order_key: d.order_key,
    next_target: d.next_target,
    created_at: now,
    run_since: now,
    wait_since: null,
  };
}

/** A key from a template; a key that cannot be rendered is left out (logged), never a reason to lose the event. */
async function renderKey(
  template: CompiledTemplate,
  context: TemplateContext,
  log: Logger,
  where: string,
): Promise<string | null> {
  try {
    const value = await template.render(context);
    if (value === undefined || value === null || value === "") return null;
    return typeof value === "string" ? value : JSON.stringify(value);
  } catch (error) {
    // A template that does not render on this body is expected (a field missing, a wrong type):
    // its reason is the line, no stack. Anything else is a fault worth its stack.
    if (error instanceof TemplateError)
      log.warn(
        { code: error.code, where, reason: error.message },
        "key template failed; going on without the key",
      );
    else log.error({ err: error, where }, "key template failed; going on without the key");
    return null;
  }
}
