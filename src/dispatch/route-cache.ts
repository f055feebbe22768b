import type { Action } from "../actions/define-action.ts";
import { formatProblem } from "../core/problem.ts";
import type { TargetConfig } from "../targets/target-schema.ts";
import type { TemplateFunctions } from "../templates/template-functions.ts";
import { compileRoute, type CompiledRoute } from "../routing/compile-route.ts";
import { createRouteSchema } from "../routing/route-schema.ts";

export interface RouteCache {
  /** The compiled form of a delivery's route snapshot; throws when the snapshot no longer compiles. */
  get(snapshot: Record<string, unknown>): CompiledRoute;
}

/**
 * Deliveries run the route they were accepted under (their snapshot), compiled once per distinct
 * snapshot and kept for reuse.
 */
export function createRouteCache(
  rules: { functions: TemplateFunctions; targets: Readonly<Record<string, TargetConfig>> },
  actions: readonly Action[],
  limit = 500,
): RouteCache {
  const byText = new Map<string, CompiledRoute>();
  const context = {
    actions: new Map(actions.map((a) => [a.type, a])),
    functions: rules.functions,
    targets: rules.targets,
    schema: createRouteSchema(actions),
  };
  return {
    get(snapshot) {
      const text = JSON.stringify(snapshot);
      const cached = byText.get(text);
      if (cached) return cached;
      // The source may have left the config since; the snapshot's rules still stand.
      const { route, problems } = compileRoute(snapshot, {
        ...context,
        sources: [String(snapshot.source)],
      });
      if (!route)
        throw new Error(
          `route snapshot does not compile: ${problems.map(formatProblem).join("; ")}`,
        );
      if (byText.size >= limit) byText.delete(byText.keys().next().value ?? "");
      byText.set(text, route);
      return route;
    },
  };
}
