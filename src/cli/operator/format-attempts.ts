import type { DeliveryDetailView } from "../../admin/api/response-schemas.ts";
import { formatTable } from "./format-table.ts";
import { formatWhen } from "./format-when.ts";

type Attempt = DeliveryDetailView["attempt_history"][number];

/** A delivery's attempts, oldest first: which action, on which target, when, how it went. */
export function formatAttempts(attempts: readonly Attempt[], now: number): string {
  if (attempts.length === 0) return "no attempts yet";
  return formatTable(
    ["#", "action", "target", "started", "took", "outcome", "error"],
    attempts.map((attempt) => [
      String(attempt.action_index + 1),
      attempt.action_type,
      attempt.target ?? "-",
      formatWhen(attempt.started_at, now),
      `${attempt.duration_ms} ms`,
      attempt.response_status === null
        ? attempt.outcome
        : `${attempt.outcome} (${attempt.response_status})`,
      [attempt.error_code, attempt.error_message].filter(Boolean).join(": ") || "-",
    ]),
  );
}
