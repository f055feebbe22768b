import type { RouteReferral } from "../targets/bothelp/check-bothelp-referrals.ts";
import type { Config } from "../config/config.ts";

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
export function collectBothelpReferrals(config: Config): RouteReferral[] {
  const found: RouteReferral[] = [];
  for (const route of config.routes) {
    for (const action of route.actions) {
      const fields = FIELDS[action.type];
      const item = route.config.actions[action.index];
      const params = item?.[action.type] as Record<string, unknown> | undefined;
      if (!fields || !params) continue;
      const flow = literal(params.flow);
      for (const kind of fields) {
        const referral = literal(params[kind]);
        if (referral === undefined || (kind === "step" && flow === undefined)) continue;
        found.push({
          target: action.target,
          kind,
          referral,
          ...(kind === "step" ? { flow } : {}),
          route: route.id,
          action: action.index,
        });
      }
    }
  }
  return found;
}

function literal(value: unknown): string | undefined {
  if (typeof value === "number") return String(value);
  if (typeof value !== "string" || value === "" || value.includes("{{")) return undefined;
  return value;
}
