import type { ProblemPath } from "../core/problem.ts";
import { isTemplate } from "../core/template-string-schema.ts";
import { findExpressions } from "../templates/find-expressions.ts";
import { ACTION_ITEM_KEYS } from "./action-item-schema.ts";
import type { Condition } from "./condition-schema.ts";
import type { RouteConfig } from "./route-schema.ts";

/** One JSONata expression written in a route, and where it is written. */
export interface RouteExpression {
  /** The expression's text (a condition's path or expression, or the inside of a `{{ }}`). */
  text: string;
  /** Where it is, from the route: a condition's key (`atKey`) or a scalar. */
  path: ProblemPath;
  atKey: boolean;
  /** Where the expression's text starts in that key or scalar. */
  offset: number;
  /** `route`: seen for every event of the source (when, order_by); `action`: for matched ones. */
  scope: "route" | "action";
}

/**
 * Every expression a route evaluates: its condition's paths and expressions, its order_by, and
 * each action's `when` and params templates (not dry_run_answer: it reads params and request).
 */
export function listRouteExpressions(route: RouteConfig): RouteExpression[] {
  const found: RouteExpression[] = [];
  if (route.when) found.push(...conditionExpressions(route.when, ["when"], "route"));
  if (route.order_by) found.push(...templateExpressions(route.order_by, ["order_by"], "route"));
  route.actions.forEach((item, index) => {
    const here = ["actions", index];
    if (item.when) found.push(...conditionExpressions(item.when, [...here, "when"], "action"));
    for (const [key, params] of Object.entries(item))
      if (!(ACTION_ITEM_KEYS as readonly string[]).includes(key))
        found.push(...treeExpressions(params, [...here, key]));
  });
  return found;
}

function conditionExpressions(
  condition: Condition,
  path: ProblemPath,
  scope: RouteExpression["scope"],
): RouteExpression[] {
  const expression = (source: string, at: ProblemPath, atKey: boolean): RouteExpression => {
    const braced = /^(\s*\{\{)([\s\S]*)\}\}\s*$/.exec(source);
    return {
      text: braced?.[2] ?? source,
      path: at,
      atKey,
      offset: braced?.[1]?.length ?? 0,
      scope,
    };
  };
  if (typeof condition === "string") return [expression(condition, path, false)];
  return Object.entries(condition).flatMap(([operator, argument]: [string, unknown]) => {
    const here = [...path, operator];
    if (operator === "all" || operator === "any")
      return (argument as Condition[]).flatMap((c, i) =>
        conditionExpressions(c, [...here, i], scope),
      );
    if (operator === "not") return conditionExpressions(argument as Condition, here, scope);
    if (operator === "exists")
      return Array.isArray(argument)
        ? (argument as string[]).map((p, i) => expression(p, [...here, i], false))
        : [expression(argument as string, here, false)];
    return Object.keys(argument as Record<string, unknown>).map((key) =>
      expression(key, [...here, key], true),
    );
  });
}

function treeExpressions(value: unknown, path: ProblemPath): RouteExpression[] {
  if (isTemplate(value)) return templateExpressions(value, path, "action");
  if (Array.isArray(value)) return value.flatMap((item, i) => treeExpressions(item, [...path, i]));
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([key, child]) => treeExpressions(child, [...path, key]));
  return [];
}

function templateExpressions(
  text: string,
  path: ProblemPath,
  scope: RouteExpression["scope"],
): RouteExpression[] {
  return findExpressions(text).map((span) => ({
    text: span.expression,
    path,
    atKey: false,
    offset: span.expressionStart,
    scope,
  }));
}
