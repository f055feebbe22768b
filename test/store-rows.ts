import type { InboundEvent } from "../src/core/inbound-event.ts";
import { newEventId } from "../src/core/new-event-id.ts";
import type { NewAttempt, NewDelivery } from "../src/store/store.ts";

/** Rows for store tests: an event, a delivery, an attempt, each with `overrides`. */
export const T0 = Date.parse("2025-01-01T00:00:00Z");
export const LEASE = 30_000;

export function event(overrides: Partial<InboundEvent> = {}, at = T0): InboundEvent {
  return {
    id: newEventId(at),
    source: "tilda",
    received_at: new Date(at).toISOString(),
    method: "POST",
    path: "/hooks/tilda",
    query: { a: "1" },
    headers: { "content-type": "application/json" },
    content_type: "application/json",
    body: { Name: "Иван", n: 1, nested: { list: [1, "two", null] } },
    ...overrides,
  };
}

let sequence = 0;
export function delivery(overrides: Partial<NewDelivery> = {}): NewDelivery {
  sequence += 1;
  return {
    id: `d${sequence}-${Math.random().toString(36).slice(2)}`,
    route_id: "r1",
    route_snapshot: { id: "r1", actions: [] },
    order_key: null,
    next_target: "t1",
    ...overrides,
  };
}

export function attempt(overrides: Partial<NewAttempt> = {}): NewAttempt {
  return {
    action_index: 0,
    action_type: "http.request",
    target: "t1",
    started_at: T0,
    duration_ms: 12,
    outcome: "ok",
    exchanges: [
      {
        method: "POST",
        url: "http://x/y",
        request_headers: { authorization: "***" },
        request_body: { a: 1 },
        status: 200,
      },
    ],
    response_status: 200,
    response_body: '{"ok":true}',
    error_code: null,
    error_message: null,
    ...overrides,
  };
}
