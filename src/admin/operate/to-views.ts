import type {
  AuditView,
  DeliveryView,
  EventSummaryView,
  OperationView,
  TargetView,
} from "../api/response-schemas.ts";
import type { DeliveryFilterInput } from "../api/request-schemas.ts";
import type { Masker } from "../../targets/mask-secrets.ts";
import type {
  AuditEntry,
  DeliveryFilter,
  EventSummary,
  Operation,
  TargetState,
} from "../../store/operator-store.ts";
import { PAUSED_UNTIL_RESUMED } from "../../store/operator-store.ts";
import type { Attempt, DeliveryRow } from "../../store/store.ts";

/** A time the store keeps in ms, as the API shows it: ISO 8601, UTC. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : iso(ms);
}

/** A filter as the API takes it (ISO times) as the store reads it (ms). */
export function toDeliveryFilter(input: DeliveryFilterInput): DeliveryFilter {
  return {
    ...input,
    since: input.since === undefined ? undefined : Date.parse(input.since),
    until: input.until === undefined ? undefined : Date.parse(input.until),
  };
}

export function eventSummaryView(event: EventSummary): EventSummaryView {
  return { ...event, received_at: iso(event.received_at) };
}

export function deliveryView(row: DeliveryRow, masker: Masker): DeliveryView {
  return {
    id: row.id,
    event_id: row.event_id,
    route_id: row.route_id,
    status: row.status,
    next_action: row.next_action,
    attempts: row.attempts,
    next_attempt_at: iso(row.next_attempt_at),
    next_target: row.next_target,
    last_error: row.last_error === null ? null : masker.text(row.last_error),
    outputs: masker.value(row.outputs) as Record<string, unknown>,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

export function attemptView(attempt: Attempt) {
  const { delivery_id: _delivery, started_at, ...rest } = attempt;
  return { ...rest, started_at: iso(started_at) };
}

export function targetView(state: TargetState, now: number): TargetView {
  const paused = state.paused_until !== null && state.paused_until > now;
  return {
    ...state,
    paused,
    paused_until:
      !paused || state.paused_until === null || state.paused_until >= PAUSED_UNTIL_RESUMED
        ? null
        : iso(state.paused_until),
    paused_by: paused ? state.paused_by : null,
    pause_reason: paused ? state.pause_reason : null,
    oldest_waiting_at: isoOrNull(state.oldest_waiting_at),
    last_success_at: isoOrNull(state.last_success_at),
    last_failure_at: isoOrNull(state.last_failure_at),
  };
}

export function operationView(operation: Operation): OperationView {
  const filter = Object.fromEntries(
    Object.entries(operation.filter)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, (k === "since" || k === "until") && typeof v === "number" ? iso(v) : v]),
  );
  return {
    ...operation,
    filter,
    created_at: iso(operation.created_at),
    updated_at: iso(operation.updated_at),
  };
}

export function auditView(entry: AuditEntry): AuditView {
  return { ...entry, at: iso(entry.at) };
}
