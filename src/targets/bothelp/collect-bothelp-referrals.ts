import type { TargetUse } from "../target-check.ts";
import type { RouteReferral } from "./check-bothelp-referrals.ts";

const FIELDS: Record<string, ("flow" | "step" | "sequence")[]> = {
  "bothelp.start_flow": ["flow", "step"],
  "bothelp.stop_flow": ["flow"],
  "bothelp.add_to_sequence": ["sequence"],
  "bothelp.remove_from_sequence": ["sequence"],
};

/**
 * Every referral the routes write literally (templated ones are known only per event), by
 * target. BotHelp accepts unknown referrals silently, so these are what `targets check` verifies.
 */
export function collectBothelpReferrals(uses: readonly TargetUse[]): RouteReferral[] {
  const found: RouteReferral[] = [];
  for (const use of uses) {
    const fields = FIELDS[use.type];
    if (!fields) continue;
    const flow = literal(use.params.flow);
    for (const kind of fields) {
      const referral = literal(use.params[kind]);
      if (referral === undefined || (kind === "step" && flow === undefined)) continue;
      found.push({
        target: use.target,
        kind,
        referral,
        ...(kind === "step" ? { flow } : {}),
        route: use.route,
        action: use.action,
      });
    }
  }
  return found;
}

function literal(value: unknown): string | undefined {
  if (typeof value === "number") return String(value);
  if (typeof value !== "string" || value === "" || value.includes("{{")) return undefined;
  return value;
}
