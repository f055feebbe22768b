import { Counter, Histogram, type Registry } from "prom-client";
import type { Telemetry } from "../../core/telemetry.ts";
import { statusClassOf } from "./status-class-of.ts";

/** The codes a refused webhook is answered with; any other code is counted as `other`. */
export const REJECT_REASONS: ReadonlySet<string> = new Set([
  "unknown_source",
  "method_not_allowed",
  "verification_failed",
  "invalid_json",
  "invalid_body",
  "invalid_encoding",
  "invalid_length",
  "invalid_path",
  "unsupported_encoding",
  "body_too_large",
  "body_too_deep",
  "request_aborted",
  "bad_request",
  "not_found",
  "store_unavailable",
  "shutting_down",
  "internal_error",
]);

const FAST = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const CALLS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** Receipt to success: seconds when all is well, up to a day when a target was down. */
const END_TO_END = [0.5, 1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 12 * 3600, 86_400];

/**
 * The counters and histograms of what ingest and dispatch report, registered in `registry`:
 * a Telemetry that counts. Labels are config names and small fixed sets only (see
 * docs/metrics.md, which lists every metric).
 */
export function countTelemetry(registry: Registry): Telemetry {
  const registers = [registry];
  const requests = new Counter({
    name: "botbridge_webhook_requests_total",
    help: "Requests to /hooks/<source> by source (unknown for a name not configured), outcome (accepted, duplicate, ping, rejected) and, for rejected, reason (the error code).",
    labelNames: ["source", "outcome", "reason"] as const,
    registers,
  });
  const requestSeconds = new Histogram({
    name: "botbridge_webhook_request_duration_seconds",
    help: "Time from a webhook request's arrival to its answer, by source and outcome.",
    labelNames: ["source", "outcome"] as const,
    buckets: FAST,
    registers,
  });
  const created = new Counter({
    name: "botbridge_deliveries_created_total",
    help: "Deliveries created by accepted events, by route.",
    labelNames: ["route"] as const,
    registers,
  });
  const attempts = new Counter({
    name: "botbridge_attempts_total",
    help: "Attempts of actions by route, target, action type, outcome (ok, retry, failed, dry_run, wait, skipped) and the target's status class (2xx, 3xx, 4xx, 5xx, none).",
    labelNames: ["route", "target", "action", "outcome", "status_class"] as const,
    registers,
  });
  const attemptSeconds = new Histogram({
    name: "botbridge_attempt_duration_seconds",
    help: "Time an action's call to its target took, by target.",
    labelNames: ["target"] as const,
    buckets: CALLS,
    registers,
  });
  const finished = new Counter({
    name: "botbridge_deliveries_finished_total",
    help: "Deliveries that reached a final status (succeeded, failed, cancelled), by route.",
    labelNames: ["route", "status"] as const,
    registers,
  });
  const latency = new Histogram({
    name: "botbridge_delivery_latency_seconds",
    help: "Time from an event's receipt to its delivery's success, by route.",
    labelNames: ["route"] as const,
    buckets: END_TO_END,
    registers,
  });
  const manual = new Counter({
    name: "botbridge_manual_actions_total",
    help: "Operator changes by action (retry, cancel, replay, pause, resume; bulk_retry and bulk_cancel count operations started).",
    labelNames: ["action"] as const,
    registers,
  });
  const reloads = new Counter({
    name: "botbridge_config_reloads_total",
    help: "Config reloads by outcome (applied, refused: the running config was kept).",
    labelNames: ["outcome"] as const,
    registers,
  });
  const alerts = new Counter({
    name: "botbridge_alerts_sent_total",
    help: "Alert messages by channel (its name under alerts:) and outcome (sent, failed).",
    labelNames: ["channel", "outcome"] as const,
    registers,
  });

  return {
    requestAnswered({ source, outcome, reason, seconds }) {
      if (outcome === "rejected")
        requests.inc({
          source,
          outcome,
          reason: reason && REJECT_REASONS.has(reason) ? reason : "other",
        });
      else requests.inc({ source, outcome });
      requestSeconds.observe({ source, outcome }, seconds);
    },
    deliveryCreated({ route }) {
      created.inc({ route });
    },
    attemptFinished({ route, target, action, outcome, status, seconds }) {
      const labels = { route, target: target ?? "", action, outcome };
      attempts.inc({ ...labels, status_class: statusClassOf(status) });
      if (outcome !== "skipped" && outcome !== "wait")
        attemptSeconds.observe({ target: target ?? "" }, seconds);
    },
    deliveryFinished({ route, status, seconds }) {
      finished.inc({ route, status });
      if (status === "succeeded") latency.observe({ route }, Math.max(0, seconds));
    },
    manualAction({ action }) {
      manual.inc({ action });
    },
    configReloaded({ outcome }) {
      reloads.inc({ outcome });
    },
    alertSent({ channel, outcome }) {
      alerts.inc({ channel, outcome });
    },
  };
}
