import type { TemplateContext } from "../templates/template-context.ts";
import type { CompiledRoute } from "./compile-route.ts";
import type { WhyNot } from "./compile-condition.ts";

export interface RouteSelection {
  matched: CompiledRoute[];
  /** Every other route of the source, and why it did not match. */
  unmatched: { route: CompiledRoute; why: WhyNot }[];
}

/** Evaluates the condition of every enabled route of the event's source, in file order. */
export async function selectRoutes(
  routes: readonly CompiledRoute[],
  context: TemplateContext,
): Promise<RouteSelection> {
  const selection: RouteSelection = { matched: [], unmatched: [] };
  for (const route of routes) {
    if (route.source !== context.source) continue;
    if (!route.config.enabled) {
      selection.unmatched.push({ route, why: { at: "enabled", expected: "true", seen: false } });
      continue;
    }
    const result = route.when ? await route.when.evaluate(context) : { matched: true as const };
    if (result.matched) selection.matched.push(route);
    else selection.unmatched.push({ route, why: result.why });
  }
  return selection;
}
