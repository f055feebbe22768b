import type { InboundEvent } from "../core/inbound-event.ts";
import type { Attempt, DeliveryRow, DeliveryStatus } from "./store.ts";

/** A row as a driver returns it: column name to value. */
export type StoredRow = Record<string, unknown>;

/**
 * A JSON column's value: SQLite keeps JSON as text (parsed here), PostgreSQL's jsonb arrives
 * parsed already. Both stores read their rows through the functions below.
 */
export type DecodeJson = (value: unknown) => unknown;

export const parseJsonText: DecodeJson = (value) => JSON.parse(value as string) as unknown;
export const alreadyParsed: DecodeJson = (value) => value;

/** An `events` row as the event the routes and templates see. */
export function readEventRow(row: StoredRow, json: DecodeJson): InboundEvent {
  return {
    id: row.id as string,
    source: row.source as string,
    received_at: new Date(row.received_at as number).toISOString(),
    method: row.method as string,
    path: row.path as string,
    query: json(row.query) as Record<string, unknown>,
    headers: json(row.headers) as Record<string, string>,
    content_type: (row.content_type as string | null) ?? null,
    body: row.body === null ? undefined : json(row.body),
  };
}

/** A `deliveries` row. */
export function readDeliveryRow(row: StoredRow, json: DecodeJson): DeliveryRow {
  return {
    id: row.id as string,
    event_id: row.event_id as string,
    route_id: row.route_id as string,
    status: row.status as DeliveryStatus,
    next_action: row.next_action as number,
    attempts: row.attempts as number,
    next_attempt_at: row.next_attempt_at as number,
    order_key: row.order_key as string | null,
    next_target: row.next_target as string | null,
    last_error: row.last_error as string | null,
    outputs: json(row.outputs) as Record<string, unknown>,
    created_at: row.created_at as number,
    updated_at: row.updated_at as number,
  };
}

/** An `attempts` row. */
export function readAttemptRow(row: StoredRow, json: DecodeJson): Attempt {
  return {
    id: row.id as number,
    delivery_id: row.delivery_id as string,
    action_index: row.action_index as number,
    action_type: row.action_type as string,
    target: row.target as string | null,
    started_at: row.started_at as number,
    duration_ms: row.duration_ms as number,
    outcome: row.outcome as Attempt["outcome"],
    exchanges: json(row.exchanges) as Attempt["exchanges"],
    response_status: row.response_status as number | null,
    response_body: row.response_body as string | null,
    error_code: row.error_code as string | null,
    error_message: row.error_message as string | null,
  };
}
