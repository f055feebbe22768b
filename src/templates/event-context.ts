import type { InboundEvent } from "../core/inbound-event.ts";
import type { TemplateContext } from "./template-context.ts";

/** The template context of an event, with the outputs of the actions run so far. */
export function eventContext(
  event: InboundEvent,
  steps: Record<string, unknown> = {},
): TemplateContext {
  return {
    body: event.body,
    query: event.query,
    headers: event.headers,
    source: event.source,
    event: { id: event.id, received_at: event.received_at },
    steps,
  };
}
