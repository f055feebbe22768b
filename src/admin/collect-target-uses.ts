import type { Config } from "../config/config.ts";
import type { TargetUse } from "../targets/target-check.ts";

/** Every action of every route, with the target it calls and its params as written. */
export function collectTargetUses(config: Config): TargetUse[] {
  return config.routes.flatMap((route) =>
    route.actions.map((action) => {
      const params = route.config.actions[action.index]?.[action.type];
      return {
        target: action.target,
        route: route.id,
        action: action.index,
        type: action.type,
        params: isRecord(params) ? params : {},
      };
    }),
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
