/**
 * What the stages report as they work, for the metrics (src/admin/metrics/ turns it into
 * Prometheus counters and histograms). Injected through each stage's deps, never a global;
 * `noTelemetry` is the implementation for tests and tools that count nothing.
 *
 * Every field that becomes a label is a name from routes.yaml (source, route, target, action)
 * or one of a small fixed set; never an id, a phone or a raw status code (the implementation
 * turns a status into its class).
 */
export interface Telemetry {
  /** A request to /hooks/<source> was answered. */
  requestAnswered(request: AnsweredRequest): void;
  /** An accepted event made a delivery for a route. */
  deliveryCreated(delivery: { route: string }): void;
  /** An action of a delivery was tried (or skipped, or found waiting) and recorded. */
  attemptFinished(attempt: FinishedAttempt): void;
  /** A delivery reached a final status; `seconds` runs from the event's receipt to now. */
  deliveryFinished(delivery: { route: string; status: FinalStatus; seconds: number }): void;
  /** An operator changed a delivery or a target, or started a bulk operation. */
  manualAction(action: { action: ManualAction }): void;
  /** A config reload was applied or refused (the running config kept). */
  configReloaded(reload: { outcome: "applied" | "refused" }): void;
  /** An alert message was sent, or could not be, on a channel named in `alerts:`. */
  alertSent(alert: { channel: string; outcome: "sent" | "failed" }): void;
}

/** `source` is a configured source's name, or UNKNOWN_SOURCE for a name not in the config. */
export interface AnsweredRequest {
  source: string;
  outcome: RequestOutcome;
  /** For `rejected`: the error code of the answer (`verification_failed`, `invalid_json`, ...). */
  reason?: string;
  seconds: number;
}

export type RequestOutcome = "accepted" | "duplicate" | "ping" | "rejected";

/** The source label of a request to a source the config does not name: never the name itself. */
export const UNKNOWN_SOURCE = "unknown";

export interface FinishedAttempt {
  route: string;
  /** The target's name; null for an action that names no target it could find. */
  target: string | null;
  /** The action's type, e.g. `bothelp.add_tags`. */
  action: string;
  /** The attempt's outcome as stored: ok, retry, failed, dry_run, wait, skipped. */
  outcome: string;
  /** The target's last HTTP status, if it answered; only its class becomes a label. */
  status: number | null;
  seconds: number;
}

export type FinalStatus = "succeeded" | "failed" | "cancelled";

/** The operator's changes, as the audit log names them. */
export const MANUAL_ACTIONS = [
  "retry",
  "cancel",
  "replay",
  "pause",
  "resume",
  "bulk_retry",
  "bulk_cancel",
] as const;

export type ManualAction = (typeof MANUAL_ACTIONS)[number];

/** Counts nothing. */
export const noTelemetry: Telemetry = {
  requestAnswered: () => undefined,
  deliveryCreated: () => undefined,
  attemptFinished: () => undefined,
  deliveryFinished: () => undefined,
  manualAction: () => undefined,
  configReloaded: () => undefined,
  alertSent: () => undefined,
};
