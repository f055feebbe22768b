import type { OperateDeps } from "./operate-deps.ts";

/**
 * After a change by an operator: the audit entry, this dispatcher woken, and the other instances
 * on the same store told (they wake and re-read pauses at once).
 */
export async function recordChange(
  deps: Pick<OperateDeps, "store" | "wake" | "now" | "log">,
  entry: { actor: string; action: string; subject: string; details: Record<string, unknown> },
): Promise<void> {
  await deps.store.recordAudit({ at: deps.now(), ...entry });
  deps.log.info(
    { audit: entry.action, actor: entry.actor, subject: entry.subject },
    "operator change",
  );
  deps.wake();
  await deps.store.notifyChanged();
}
