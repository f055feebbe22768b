import jsonata from "jsonata";
import type { TemplateContext } from "../templates/template-context.ts";
import type { TemplateFunctions } from "../templates/template-functions.ts";
import type { Condition } from "./condition-schema.ts";

/** Why a condition did not hold: the failing node, what it wanted, and the value it saw. */
export interface WhyNot {
  /** where in the condition, e.g. `all[1].equals.body.formid` */
  at: string;
  expected: string;
  seen: unknown;
}

export type ConditionResult = { matched: true } | { matched: false; why: WhyNot };

export interface CompiledCondition {
  evaluate(context: TemplateContext): Promise<ConditionResult>;
}

/** A condition that does not compile, with the path of the node (and key) in the condition. */
export class ConditionSyntaxError extends Error {
  readonly path: (string | number)[];
  /** True when the problem is the key itself (a JSONata path in a map). */
  readonly atKey: boolean;
  readonly offset: number;
  constructor(path: (string | number)[], message: string, atKey: boolean, offset = 0) {
    super(message);
    this.name = "ConditionSyntaxError";
    this.path = path;
    this.atKey = atKey;
    this.offset = offset;
  }
}

type Evaluate = (context: TemplateContext) => Promise<ConditionResult>;
const MATCHED: ConditionResult = { matched: true };

/** Compiles a condition once; every JSONata path and regular expression is checked here. */
export function compileCondition(
  condition: Condition,
  functions: TemplateFunctions,
): CompiledCondition {
  return { evaluate: build(condition, [], functions) };
}

function build(
  condition: Condition,
  path: (string | number)[],
  functions: TemplateFunctions,
): Evaluate {
  const at = formatAt(path);
  if (typeof condition === "string") {
    const expression = expressionOf(condition, path, false);
    const source = condition;
    return async (context) => {
      const value: unknown = await expression.evaluate(context, functions);
      return truthy(value)
        ? MATCHED
        : {
            matched: false,
            why: { at: at || "when", expected: `${source} to be true`, seen: value },
          };
    };
  }
  const [operator, argument] = Object.entries(condition)[0] as [string, unknown];
  const here = [...path, operator];
  switch (operator) {
    case "all": {
      const parts = (argument as Condition[]).map((c, i) => build(c, [...here, i], functions));
      return async (context) => {
        for (const part of parts) {
          const result = await part(context);
          if (!result.matched) return result;
        }
        return MATCHED;
      };
    }
    case "any": {
      const parts = (argument as Condition[]).map((c, i) => build(c, [...here, i], functions));
      return async (context) => {
        let first: ConditionResult | undefined;
        for (const part of parts) {
          const result = await part(context);
          if (result.matched) return MATCHED;
          first ??= result;
        }
        return first ?? MATCHED;
      };
    }
    case "not": {
      const inner = build(argument as Condition, here, functions);
      return async (context) =>
        (await inner(context)).matched
          ? {
              matched: false,
              why: { at: formatAt(here), expected: "the condition not to hold", seen: "it held" },
            }
          : MATCHED;
    }
    case "exists": {
      const paths = Array.isArray(argument) ? (argument as string[]) : [argument as string];
      const checks = paths.map((p, i) => ({
        source: p,
        expression: expressionOf(p, Array.isArray(argument) ? [...here, i] : here, false),
      }));
      return async (context) => {
        for (const check of checks) {
          const seen: unknown = await check.expression.evaluate(context, functions);
          if (seen === undefined || seen === null) {
            return {
              matched: false,
              why: { at: `${formatAt(here)}.${check.source}`, expected: "a value", seen },
            };
          }
        }
        return MATCHED;
      };
    }
    default:
      return buildComparison(operator, argument as Record<string, unknown>, here, functions);
  }
}

type Compare = (seen: unknown) => boolean;

function buildComparison(
  operator: string,
  map: Record<string, unknown>,
  here: (string | number)[],
  functions: TemplateFunctions,
): Evaluate {
  const checks = Object.entries(map).map(([source, expected]) => ({
    source,
    expression: expressionOf(source, [...here, source], true),
    compare: comparator(operator, expected, [...here, source]),
    expected: describe(operator, expected),
  }));
  return async (context) => {
    for (const check of checks) {
      const seen: unknown = await check.expression.evaluate(context, functions);
      if (!check.compare(seen)) {
        return {
          matched: false,
          why: { at: `${formatAt(here)}.${check.source}`, expected: check.expected, seen },
        };
      }
    }
    return MATCHED;
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

function expressionOf(
  source: string,
  path: (string | number)[],
  atKey: boolean,
): jsonata.Expression {
  const text = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(source)?.[1] ?? source;
  try {
    return jsonata(text);
  } catch (error) {
    const e = error as Partial<jsonata.JsonataError>;
    const offset = typeof e.position === "number" ? Math.max(0, e.position - 1) : 0;
    throw new ConditionSyntaxError(
      path,
      `does not compile: ${e.message ?? String(error)}`,
      atKey,
      offset,
    );
  }
}

function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(truthy);
  return Boolean(value);
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

function formatAt(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}
