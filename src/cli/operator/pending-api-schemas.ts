import { z } from "zod";

// Stand-ins until src/admin/api/ (branch h13-api) publishes the API's response schemas; each
// command then parses with those instead, and this file goes.

const status = z.enum(["pending", "running", "succeeded", "failed", "cancelled"]);
const time = z.string();

export const eventSummarySchema = z.looseObject({
  id: z.string(),
  source: z.string(),
  received_at: time,
  deliveries: z.array(z.looseObject({ id: z.string(), route_id: z.string(), status })),
});
export const eventPageSchema = page(eventSummarySchema);

export const attemptSchema = z.looseObject({
  action_index: z.number(),
  action_type: z.string(),
  target: z.string().nullable(),
  started_at: time,
  duration_ms: z.number(),
  outcome: z.string(),
  response_status: z.number().nullable(),
  error_code: z.string().nullable(),
  error_message: z.string().nullable(),
});

export const deliverySchema = z.looseObject({
  id: z.string(),
  event_id: z.string(),
  route_id: z.string(),
  status,
  attempts: z.number(),
  next_attempt_at: time.nullable(),
  next_target: z.string().nullable(),
  last_error: z.string().nullable(),
  created_at: time,
  updated_at: time,
});
export const deliveryPageSchema = page(deliverySchema);
export const deliveryDetailSchema = deliverySchema.extend({ attempt_list: z.array(attemptSchema) });

export const eventDetailSchema = eventSummarySchema.extend({
  method: z.string(),
  headers: z.record(z.string(), z.unknown()),
  query: z.unknown(),
  body: z.unknown(),
  routes: z.array(
    z.looseObject({ route_id: z.string(), matched: z.boolean(), reason: z.string().nullish() }),
  ),
  deliveries: z.array(deliveryDetailSchema),
});

export const operationSchema = z.looseObject({
  id: z.string(),
  kind: z.enum(["retry", "cancel"]),
  status: z.enum(["running", "done", "failed"]),
  total: z.number(),
  done: z.number(),
  changed: z.number(),
  error: z.string().nullable(),
});
export const estimateSchema = z.looseObject({ count: z.number() });

export const replaySchema = z.looseObject({
  dry_run: z.boolean(),
  rules: z.enum(["current", "original"]),
  routes: z.array(
    z.looseObject({ route_id: z.string(), matched: z.boolean(), reason: z.string().nullish() }),
  ),
  deliveries: z.array(z.looseObject({ id: z.string(), route_id: z.string() })).optional(),
});

export const targetSchema = z.looseObject({
  name: z.string(),
  paused_until: time.nullable(),
  paused_by: z.string().nullable(),
  pause_reason: z.string().nullable(),
  waiting: z.number(),
  oldest_waiting_at: time.nullable(),
  last_success_at: time.nullable(),
  last_failure_at: time.nullable(),
  last_error: z.string().nullable(),
});
export const targetListSchema = z.looseObject({ data: z.array(targetSchema) });

export const statsSchema = z.looseObject({
  since: time,
  now: time,
  events: z.number(),
  deliveries_by_status: z.record(z.string(), z.number()),
  by_route: z.array(z.looseObject({ route_id: z.string(), status, count: z.number() })),
  waiting: z.number(),
  oldest_waiting_at: time.nullable(),
});

export const auditEntrySchema = z.looseObject({
  id: z.string(),
  at: time,
  actor: z.string(),
  action: z.string(),
  subject: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export const auditPageSchema = page(auditEntrySchema);

function page<T extends z.ZodType>(item: T) {
  return z.looseObject({ data: z.array(item), next_cursor: z.string().nullable() });
}
