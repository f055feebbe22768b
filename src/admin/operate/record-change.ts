import { MANUAL_ACTIONS, type ManualAction } from "../../core/telemetry.ts";
import type { OperateDeps } from "./operate-deps.ts";

/**
 * After a change by an operator: the audit entry, the count of manual actions, this dispatcher
 * woken, and the other instances on the same store told (they wake and re-read pauses at once).
 */
export async function recordChange(
  deps: Pick<OperateDeps, "store" | "wake" | "now" | "log" | "telemetry">,
  entry: { actor: string; action: string; subject: string; details: Record<string, unknown> },
): Promise<void> {
  await deps.store.recordAudit({ at: deps.now(), ...entry });
  deps.log.info(
    { audit: entry.action, actor: entry.actor, subject: entry.subject },
    "operator change",
  );
  if ((MANUAL_ACTIONS as readonly string[]).includes(entry.action))
    deps.telemetry?.manualAction({ action: entry.action as ManualAction });
  deps.wake();
  await deps.store.notifyChanged();
}
