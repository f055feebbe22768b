import { z } from "zod";
import { STATUSES } from "./request-schemas.ts";

const time = z.iso.datetime().meta({ description: "ISO 8601, UTC" });
const status = z.enum(STATUSES);
const json = z.record(z.string(), z.unknown());

export const errorResponse = z
  .strictObject({ error: z.strictObject({ code: z.string(), message: z.string() }) })
  .meta({ id: "Error" });

export function pageOf<T extends z.ZodType>(item: T) {
  return z.strictObject({
    data: z.array(item),
    next_cursor: z
      .string()
      .nullable()
      .meta({ description: "Pass as cursor for the next page; null at the end." }),
  });
}

export const eventSummary = z
  .strictObject({
    id: z.string(),
    source: z.string(),
    received_at: time,
    method: z.string(),
    content_type: z.string().nullable(),
    deliveries: z.array(z.strictObject({ id: z.string(), route_id: z.string(), status })),
  })
  .meta({ id: "EventSummary" });

export const delivery = z
  .strictObject({
    id: z.string(),
    event_id: z.string(),
    route_id: z.string(),
    status,
    next_action: z.number().meta({ description: "Index of the next action to run (0-based)." }),
    attempts: z.number().meta({ description: "Failed tries of the current action." }),
    next_attempt_at: time,
    next_target: z.string().nullable(),
    last_error: z.string().nullable(),
    outputs: json.meta({ description: "Outputs of finished actions by index, secrets masked." }),
    created_at: time,
    updated_at: time,
  })
  .meta({ id: "Delivery" });

export const exchange = z.strictObject({
  method: z.string(),
  url: z.string(),
  request_headers: z.record(z.string(), z.string()),
  request_body: z.unknown().optional(),
  status: z.number().optional(),
  response_headers: z.record(z.string(), z.string()).optional(),
  response_body: z.string().optional(),
  duration_ms: z.number().optional(),
  error: z.string().optional(),
});

export const attempt = z
  .strictObject({
    id: z.number(),
    action_index: z.number(),
    action_type: z.string(),
    target: z.string().nullable(),
    started_at: time,
    duration_ms: z.number(),
    outcome: z.enum(["ok", "retry", "failed", "dry_run", "wait", "skipped"]),
    exchanges: z.array(exchange).meta({
      description: "The requests as sent (in dry run: as they would have been), secrets masked.",
    }),
    response_status: z.number().nullable(),
    response_body: z.string().nullable(),
    error_code: z.string().nullable(),
    error_message: z.string().nullable(),
  })
  .meta({ id: "Attempt" });

export const deliveryDetail = delivery
  .extend({
    source: z.string(),
    route_snapshot: json.meta({
      description: "The route as it was when the delivery was made: the rules it runs.",
    }),
    attempt_history: z.array(attempt).meta({ description: "Every attempt, oldest first." }),
  })
  .meta({ id: "DeliveryDetail" });

export const routeVerdict = z.strictObject({
  id: z.string(),
  matched: z
    .boolean()
    .meta({ description: "Whether the route matches the stored event under today's rules." }),
  why_not: z
    .string()
    .optional()
    .meta({ description: "Why not, in the words of botbridge explain." }),
});

export const eventDetail = z
  .strictObject({
    id: z.string(),
    source: z.string(),
    received_at: time,
    method: z.string(),
    path: z.string(),
    query: json,
    headers: z.record(z.string(), z.string()).meta({ description: "Secrets masked." }),
    content_type: z.string().nullable(),
    body: z.unknown(),
    verification: z.strictObject({
      passed: z.boolean(),
      checks: z.array(z.string()).meta({ description: "The checks the source makes today." }),
      note: z.string(),
    }),
    routes: z.array(routeVerdict),
    deliveries: z.array(deliveryDetail),
  })
  .meta({ id: "EventDetail" });

export const change = z
  .strictObject({ id: z.string(), status, message: z.string() })
  .meta({ id: "Change" });

export const estimate = z
  .strictObject({ estimate: z.literal(true), total: z.number() })
  .meta({ id: "Estimate" });

export const operation = z
  .strictObject({
    id: z.string(),
    kind: z.enum(["retry", "cancel"]),
    filter: json,
    actor: z.string(),
    status: z.enum(["running", "done", "failed"]),
    total: z.number(),
    done: z.number(),
    changed: z.number(),
    error: z.string().nullable(),
    created_at: time,
    updated_at: time,
  })
  .meta({ id: "Operation" });

export const plannedRoute = z.strictObject({
  id: z.string(),
  first_action: z
    .strictObject({
      type: z.string(),
      target: z.string(),
      params: z.unknown(),
      problems: z.array(z.string()).optional(),
      error: z.string().optional(),
      skipped: z
        .string()
        .optional()
        .meta({ description: "Its when is false: why, in explain's words." }),
    })
    .nullable(),
});

export const replayResult = z
  .strictObject({
    event_id: z.string(),
    rules: z.enum(["current", "original"]),
    dry_run: z.boolean(),
    dedupe: z.literal("bypassed").meta({ description: "A replay never goes through dedupe." }),
    routes: z.array(plannedRoute),
    unmatched: z.array(routeVerdict),
    differences: z
      .array(z.string())
      .meta({ description: "What differs from the deliveries the event already has." }),
    deliveries: z
      .array(z.string())
      .meta({ description: "The deliveries made (none in a dry run)." }),
  })
  .meta({ id: "ReplayResult" });

export const targetState = z
  .strictObject({
    name: z.string(),
    paused: z.boolean(),
    paused_until: time
      .nullable()
      .meta({ description: "null while paused until resumed, or when not paused." }),
    paused_by: z.enum(["operator", "rate_limit", "circuit_breaker", "credentials"]).nullable(),
    pause_reason: z.string().nullable(),
    waiting: z.number(),
    oldest_waiting_at: time.nullable(),
    last_success_at: time.nullable(),
    last_failure_at: time.nullable(),
    last_error: z.string().nullable(),
  })
  .meta({ id: "Target" });

export const stats = z
  .strictObject({
    since: time,
    now: time,
    events: z.number(),
    events_per_minute: z.number(),
    deliveries_per_minute: z.number(),
    deliveries_by_status: z.record(status, z.number()),
    by_route: z.array(z.strictObject({ route_id: z.string(), status, count: z.number() })),
    waiting: z.number(),
    oldest_waiting_at: time.nullable(),
  })
  .meta({ id: "Stats" });

export const auditEntry = z
  .strictObject({
    id: z.string(),
    at: time,
    actor: z.string(),
    action: z.string(),
    subject: z.string(),
    details: json,
  })
  .meta({ id: "AuditEntry" });

export type EventSummaryView = z.output<typeof eventSummary>;
export type DeliveryView = z.output<typeof delivery>;
export type DeliveryDetailView = z.output<typeof deliveryDetail>;
export type EventDetailView = z.output<typeof eventDetail>;
export type ChangeView = z.output<typeof change>;
export type OperationView = z.output<typeof operation>;
export type ReplayView = z.output<typeof replayResult>;
export type TargetView = z.output<typeof targetState>;
export type StatsView = z.output<typeof stats>;
export type AuditView = z.output<typeof auditEntry>;
export type RouteVerdictView = z.output<typeof routeVerdict>;
export type PlannedRouteView = z.output<typeof plannedRoute>;
