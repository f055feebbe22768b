import { fastEvaluator } from "../templates/fast-evaluator.ts";
import type { TemplateContext } from "../templates/template-context.ts";
import type { TemplateFunctions } from "../templates/template-functions.ts";
import type { ConditionResult } from "./compile-condition.ts";
import { compileExpression } from "./compile-expression.ts";
import { ConditionSyntaxError } from "./condition-syntax-error.ts";

type Compare = (seen: unknown) => boolean;

/** Compiles one comparison (`equals`, `in`, `matches`, `gt`...) of paths to expected values. */
export function compileComparison(
  operator: string,
  map: Record<string, unknown>,
  here: (string | number)[],
  at: string,
  functions: TemplateFunctions,
): (context: TemplateContext) => Promise<ConditionResult> {
  const checks = Object.entries(map).map(([source, expected]) => ({
    source,
    evaluate: fastEvaluator(compileExpression(source, [...here, source], true, functions)),
    compare: comparator(operator, expected, [...here, source]),
    expected: describe(operator, expected),
  }));
  return async (context) => {
    for (const check of checks) {
      const seen: unknown = await check.evaluate(context, functions);
      if (!check.compare(seen)) {
        return {
          matched: false,
          why: { at: `${at}.${check.source}`, expected: check.expected, seen },
        };
      }
    }
    return { matched: true };
  };
}

function comparator(operator: string, expected: unknown, path: (string | number)[]): Compare {
  switch (operator) {
    case "equals":
      return (seen) => looselyEqual(seen, expected);
    case "in":
      return (seen) => (expected as unknown[]).some((option) => looselyEqual(seen, option));
    case "matches": {
      const regex = regexOf(expected as string, path);
      return (seen) =>
        seen !== undefined &&
        seen !== null &&
        typeof seen !== "object" &&
        regex.test(`${seen as string | number | boolean}`);
    }
    default: {
      const limit = Number(expected);
      if (!Number.isFinite(limit))
        throw new ConditionSyntaxError(path, `expected a number, got "${String(expected)}"`, false);
      const test = {
        gt: (n: number) => n > limit,
        gte: (n: number) => n >= limit,
        lt: (n: number) => n < limit,
        lte: (n: number) => n <= limit,
      }[operator];
      return (seen) => {
        const n =
          typeof seen === "number"
            ? seen
            : typeof seen === "string" && seen.trim() !== ""
              ? Number(seen)
              : NaN;
        return test !== undefined && Number.isFinite(n) && test(n);
      };
    }
  }
}

/** Equality that treats a number and its digits as text alike (form values arrive as text). */
function looselyEqual(seen: unknown, expected: unknown): boolean {
  if (seen === expected) return true;
  if (typeof seen === "number" && typeof expected === "string")
    return expected.trim() !== "" && seen === Number(expected);
  if (typeof seen === "string" && typeof expected === "number")
    return seen.trim() !== "" && Number(seen) === expected;
  if (
    typeof seen === "object" &&
    typeof expected === "object" &&
    seen !== null &&
    expected !== null
  ) {
    return JSON.stringify(seen) === JSON.stringify(expected);
  }
  return false;
}

function regexOf(text: string, path: (string | number)[]): RegExp {
  const literal = /^\/(.*)\/([a-z]*)$/s.exec(text);
  try {
    return literal ? new RegExp(literal[1] ?? "", literal[2]) : new RegExp(text);
  } catch (error) {
    throw new ConditionSyntaxError(
      path,
      `invalid regular expression: ${(error as Error).message}`,
      false,
    );
  }
}

function describe(operator: string, expected: unknown): string {
  const shown = JSON.stringify(expected);
  switch (operator) {
    case "equals":
      return shown;
    case "in":
      return `one of ${shown}`;
    case "matches":
      return `text matching ${String(expected)}`;
    default:
      return `${{ gt: ">", gte: ">=", lt: "<", lte: "<=" }[operator] ?? operator} ${shown}`;
  }
}
