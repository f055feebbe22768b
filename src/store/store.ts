import type { Exchange } from "../core/exchange.ts";
import type { InboundEvent } from "../core/inbound-event.ts";
import type { AlertIssueStore } from "./alert-issue-store.ts";
import type { OperatorStore } from "./operator-store.ts";

export type DeliveryStatus = "pending" | "running" | "succeeded" | "failed" | "cancelled";
export type AttemptOutcome = "ok" | "retry" | "failed" | "dry_run" | "wait" | "skipped";

/** A delivery to create with its event: one matched route. */
export interface NewDelivery {
  id: string;
  route_id: string;
  /** The route as it was when the event was accepted; a retry runs these rules. */
  route_snapshot: Record<string, unknown>;
  /** Deliveries with the same key run one at a time, in arrival order. */
  order_key: string | null;
  /** The target of the first action (so a paused target's deliveries are not claimed). */
  next_target: string | null;
}

/** A delivery held by one instance until `until` (ms). */
export interface DeliveryLease {
  owner: string;
  until: number;
}

export interface IngestInput {
  event: InboundEvent;
  deliveries: NewDelivery[];
  /** Stores the deliveries running under this lease (to be run at once), not pending. */
  lease?: DeliveryLease;
  /** With a key: a key already stored for this source and not expired makes this a repeat. */
  dedupe?: { key: string; expires_at: number };
  /** Search terms of the stored (redacted) event, from searchTermsOf; written with the event. */
  terms?: readonly string[];
}

export type IngestResult =
  | {
      duplicate: false;
      event_id: string;
      /** With a lease: the deliveries stored under it (the others wait for a paused or held target). */
      leased?: readonly string[];
    }
  | { duplicate: true; event_id: string };

/** A delivery claimed by one worker, with everything needed to run its next action. */
export interface ClaimedDelivery {
  id: string;
  event: InboundEvent;
  route_id: string;
  route_snapshot: Record<string, unknown>;
  status: DeliveryStatus;
  /** Index of the next action to run. */
  next_action: number;
  /** Outputs of finished actions, once each, by action index (steps.<id> finds them by the route). */
  outputs: Record<string, unknown>;
  /** Failed tries of the current action (the retry schedule's position). */
  attempts: number;
  order_key: string | null;
  next_target: string | null;
  created_at: number;
  /** Since when it runs: its creation, or the operator's last retry (max_age counts from here). */
  run_since: number;
  /** When the current action began waiting (on_missing: wait), if it is waiting. */
  wait_since: number | null;
}

export interface NewAttempt {
  action_index: number;
  action_type: string;
  target: string | null;
  started_at: number;
  duration_ms: number;
  outcome: AttemptOutcome;
  /** The requests as sent (or, in dry run, as they would be sent), secrets masked. */
  exchanges: Exchange[];
  response_status: number | null;
  /** Truncated. */
  response_body: string | null;
  error_code: string | null;
  error_message: string | null;
}

export interface Attempt extends NewAttempt {
  id: number;
  delivery_id: string;
}

/** How a delivery moves on after a step; fields left out keep their value. */
export interface DeliveryChange {
  status: DeliveryStatus;
  next_action?: number;
  outputs?: Record<string, unknown>;
  attempts?: number;
  /** For pending: when it is due. For running: until when the lease holds. */
  next_attempt_at?: number;
  next_target?: string | null;
  last_error?: string | null;
  wait_since?: number | null;
}

export interface DeliveryRow {
  id: string;
  event_id: string;
  route_id: string;
  status: DeliveryStatus;
  next_action: number;
  attempts: number;
  next_attempt_at: number;
  order_key: string | null;
  next_target: string | null;
  last_error: string | null;
  outputs: Record<string, unknown>;
  created_at: number;
  updated_at: number;
}

export interface StoreStats {
  events: number;
  deliveries: Record<DeliveryStatus, number>;
}

/**
 * Where events, deliveries and attempts live. SQLite and PostgreSQL implement it, and one
 * contract test suite holds both to it (test/store-contract.ts); the operator's reads and writes
 * are in OperatorStore (test/operator-store-contract.ts).
 */
export interface Store extends OperatorStore, AlertIssueStore {
  readonly kind: "sqlite" | "postgres";
  /** Applies the numbered migrations not yet applied. */
  migrate(): Promise<void>;
  /** The event and its deliveries in one transaction; nothing is written for a repeat. */
  ingest(input: IngestInput): Promise<IngestResult>;
  /**
   * Claims up to `limit` due deliveries for `owner` until `now + lease_ms`: pending ones whose
   * time has come, and running ones whose lease expired. Never a delivery with an earlier
   * unfinished delivery of the same order key, nor one whose next target is paused.
   */
  claim(input: {
    owner: string;
    now: number;
    limit: number;
    lease_ms: number;
  }): Promise<ClaimedDelivery[]>;
  /**
   * Records an attempt (if any) and changes the delivery in one transaction, if `owner` still
   * holds its lease. False when the lease was lost (another worker took the delivery over).
   */
  advance(input: {
    delivery_id: string;
    owner: string;
    now: number;
    change: DeliveryChange;
    attempt?: NewAttempt;
  }): Promise<boolean>;
  /** Hands back every delivery `owner` holds (status pending, due now): used at shutdown. */
  release(owner: string, now: number): Promise<number>;
  /** Pauses a target for every worker (429, circuit breaker) until `until`. */
  pauseTarget(target: string, until: number, reason: string): Promise<void>;
  /** Targets paused (by 429, circuit breaker or a hold) at `now`, with when each pause ends (PAUSED_UNTIL_RESUMED for a hold without end). */
  pausedTargets(now: number): Promise<Map<string, number>>;
  /** The earliest time a pending delivery is due, to sleep until it; null when none is. */
  nextDueAt(): Promise<number | null>;
  getEvent(id: string): Promise<InboundEvent | null>;
  listDeliveries(filter: {
    event_id?: string;
    status?: DeliveryStatus;
    limit?: number;
  }): Promise<DeliveryRow[]>;
  listAttempts(delivery_id: string): Promise<Attempt[]>;
  stats(): Promise<StoreStats>;
  /**
   * Deletes events received before `before` (with their deliveries, attempts and search terms),
   * audit entries and operations from before then, route snapshots no delivery uses any more and
   * expired dedupe keys; returns the events deleted.
   */
  purge(before: number, now: number): Promise<number>;
  /**
   * Calls `onDue` when deliveries become due through another instance (PostgreSQL: LISTEN/NOTIFY
   * on ingest and release; `changed` true after an operator's change through notifyChanged, or a
   * reconnect: pauses may have changed too). SQLite has no other instances and never calls it. Polling still
   * covers a notification lost while the connection was down. Resolves once listening (or once
   * the first try failed; it is tried again in the background).
   */
  watch(onDue: (changed: boolean) => void): Promise<void>;
  /**
   * The space the store takes, in bytes: SQLite's database file (page_count * page_size) and its
   * WAL; PostgreSQL's tables of this store's schema with their indexes and TOAST.
   */
  sizeBytes(): Promise<number>;
  /**
   * Throws when the store cannot be reached or cannot write: SQLite commits a real write and
   * checks its files are still at their paths; PostgreSQL refuses a read-only database.
   */
  ping(): Promise<void>;
  close(): Promise<void>;
}
