import type { DeliveryRow, DeliveryStatus, NewDelivery } from "./store.ts";

/**
 * What the operator API, the console and the CLI read and change in the store, beside the
 * hot path of `Store`. SQLite and PostgreSQL implement it; test/operator-store-contract.ts holds
 * both to the same behaviour. Admin writes do not hold a lease: they change rows whatever worker
 * holds them, and a worker whose delivery was retried or cancelled under it loses its lease.
 */
export interface OperatorStore {
  /** Events newest first; `terms` (from searchTermsOf) must all occur in the event. */
  listEvents(filter: EventFilter, page: PageRequest): Promise<Page<EventSummary>>;
  /** Deliveries newest first. */
  listDeliveryPage(filter: DeliveryFilter, page: PageRequest): Promise<Page<DeliveryRow>>;
  /** A delivery with the route snapshot it runs under; null when unknown. */
  getDelivery(id: string): Promise<DeliveryDetail | null>;
  /** How many deliveries a filter matches (a bulk operation's estimate). */
  countDeliveries(filter: DeliveryFilter): Promise<number>;
  /** The next `limit` ids a filter matches after `after` (a cursor; null to start): bulk operations walk them in batches. */
  selectDeliveryIds(
    filter: DeliveryFilter,
    after: string | null,
    limit: number,
  ): Promise<{ ids: string[]; next: string | null }>;
  /**
   * A failed or cancelled delivery runs again at `now` from the action that failed, keeping the
   * outputs of the actions that succeeded; with `force`, a succeeded one runs again from its
   * first action. Its attempts count and its max_age clock start afresh.
   */
  retryDelivery(id: string, now: number, options: { force: boolean }): Promise<AdminChange>;
  /** A pending (or waiting) delivery is cancelled; a running one too: its worker loses the lease. */
  cancelDelivery(id: string, now: number): Promise<AdminChange>;
  /** New deliveries of a stored event (a replay), pending at `now`; never through dedupe. */
  addDeliveries(eventId: string, deliveries: NewDelivery[], now: number): Promise<void>;
  /** A pause by hand or for refused credentials: held until `until` (null: until resumed); attempts are not used up. */
  holdTarget(target: string, hold: TargetHold): Promise<void>;
  /** Ends every pause of a target: the operator's, a 429's and the circuit breaker's. */
  resumeTarget(target: string): Promise<void>;
  /** Every target that has deliveries, a pause or a recorded attempt, plus `known` ones. */
  targetStates(now: number, known: readonly string[]): Promise<TargetState[]>;
  /** Counts over a window, for GET /stats. */
  windowStats(since: number, now: number): Promise<WindowStats>;
  recordAudit(entry: NewAuditEntry): Promise<void>;
  listAudit(page: PageRequest): Promise<Page<AuditEntry>>;
  createOperation(operation: NewOperation): Promise<Operation>;
  updateOperation(id: string, change: OperationChange): Promise<void>;
  getOperation(id: string): Promise<Operation | null>;
  /**
   * Tells the other instances on the same store that deliveries became due or pauses changed
   * (PostgreSQL NOTIFY; a no-op on SQLite): they wake and re-read pauses at once.
   */
  notifyChanged(): Promise<void>;
}

/** A pause by hand that lasts until resumed. */
export const PAUSED_UNTIL_RESUMED = 8_640_000_000_000_000;

export interface PageRequest {
  /** From the previous page's next_cursor; an unknown or malformed cursor throws HttpError 400 invalid_cursor. */
  cursor?: string | undefined;
  limit: number;
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export interface EventFilter {
  source?: string | undefined;
  /** Events with a delivery of this route. */
  route?: string | undefined;
  /** Events with a delivery in this status. */
  status?: DeliveryStatus | undefined;
  since?: number | undefined;
  until?: number | undefined;
  terms?: readonly string[] | undefined;
}

export interface EventSummary {
  id: string;
  source: string;
  received_at: number;
  method: string;
  content_type: string | null;
  deliveries: { id: string; route_id: string; status: DeliveryStatus }[];
}

export interface DeliveryFilter {
  status?: DeliveryStatus | undefined;
  route?: string | undefined;
  /** The target of the delivery's next (or last) action. */
  target?: string | undefined;
  event_id?: string | undefined;
  /** The code that begins last_error (`http_401`, `max_age_exceeded`, ...). */
  error_code?: string | undefined;
  since?: number | undefined;
  until?: number | undefined;
}

export interface DeliveryDetail extends DeliveryRow {
  route_snapshot: Record<string, unknown>;
  source: string;
}

export type AdminChange = "changed" | "not_found" | "conflict";

export type PauseCause = "operator" | "rate_limit" | "circuit_breaker" | "credentials";

export interface TargetHold {
  /** An operator's pause, or refused credentials (held until the config is fixed or it is resumed). */
  cause: "operator" | "credentials";
  until: number | null;
  reason: string;
  by: string;
  now: number;
}

export interface TargetState {
  name: string;
  paused_until: number | null;
  paused_by: PauseCause | null;
  pause_reason: string | null;
  waiting: number;
  oldest_waiting_at: number | null;
  last_success_at: number | null;
  last_failure_at: number | null;
  last_error: string | null;
}

export interface WindowStats {
  since: number;
  now: number;
  events: number;
  deliveries_by_status: Record<DeliveryStatus, number>;
  by_route: { route_id: string; status: DeliveryStatus; count: number }[];
  /** Currently pending or running (whatever their age). */
  waiting: number;
  oldest_waiting_at: number | null;
}

export interface NewAuditEntry {
  at: number;
  actor: string;
  action: string;
  subject: string;
  details: Record<string, unknown>;
}

export interface AuditEntry extends NewAuditEntry {
  id: string;
}

export interface NewOperation {
  kind: "retry" | "cancel";
  filter: DeliveryFilter;
  actor: string;
  total: number;
  now: number;
}

export interface Operation {
  id: string;
  kind: "retry" | "cancel";
  filter: DeliveryFilter;
  actor: string;
  status: "running" | "done" | "failed";
  total: number;
  done: number;
  changed: number;
  error: string | null;
  created_at: number;
  updated_at: number;
}

export interface OperationChange {
  status?: Operation["status"];
  done?: number;
  changed?: number;
  error?: string | null;
  now: number;
}
