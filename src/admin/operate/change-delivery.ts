import type { ChangeView } from "../api/response-schemas.ts";
import { HttpError } from "../../core/http-error.ts";
import type { OperateDeps } from "./operate-deps.ts";
import { recordChange } from "./record-change.ts";

/**
 * Retries one delivery (from the action that failed; `force` re-runs a succeeded one from its
 * first action) or cancels it. Unknown: 404; a state the change does not fit: 409.
 */
export async function changeDelivery(
  kind: "retry" | "cancel",
  id: string,
  options: { force: boolean },
  actor: string,
  deps: OperateDeps,
): Promise<ChangeView> {
  const { store } = deps;
  const before = await store.getDelivery(id);
  const result =
    kind === "retry"
      ? await store.retryDelivery(id, deps.now(), options)
      : await store.cancelDelivery(id, deps.now());
  if (result === "not_found") throw new HttpError(404, "not_found", `no delivery ${id}`);
  // The dispatcher may take a retried delivery at once: its state before the change says what happens.
  const status =
    result === "conflict"
      ? (before?.status ?? "pending")
      : kind === "cancel"
        ? "cancelled"
        : "pending";
  if (result === "conflict")
    throw new HttpError(
      409,
      "conflict",
      kind === "retry"
        ? `delivery ${id} is ${status}: only a failed or cancelled delivery can be retried (force: true re-runs a succeeded one)`
        : `delivery ${id} is ${status}: only a pending or running delivery can be cancelled`,
    );
  await recordChange(deps, {
    actor,
    action: kind,
    subject: `delivery:${id}`,
    details: kind === "retry" && options.force ? { force: true } : {},
  });
  const from = `, from action ${options.force ? 1 : (before?.next_action ?? 0) + 1}`;
  return {
    id,
    status,
    message:
      kind === "retry"
        ? `delivery ${id} runs again now${from}; actions that succeeded are not repeated${options.force ? " (forced: from its first action)" : ""}`
        : `delivery ${id} is cancelled`,
  };
}
