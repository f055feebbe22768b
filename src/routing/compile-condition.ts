import { fastEvaluator } from "../templates/fast-evaluator.ts";
import { readsSteps } from "../templates/reads-steps.ts";
import type { TemplateContext } from "../templates/template-context.ts";
import type { TemplateFunctions } from "../templates/template-functions.ts";
import { compileComparison } from "./compile-comparison.ts";
import { compileExpression } from "./compile-expression.ts";
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
  /** True when some path of it reads `steps.*`, the outputs of earlier actions. */
  readonly usesSteps: boolean;
  evaluate(context: TemplateContext): Promise<ConditionResult>;
}

type Evaluate = (context: TemplateContext) => Promise<ConditionResult>;
const MATCHED: ConditionResult = { matched: true };

/** Compiles a condition once; every JSONata path and regular expression is checked here. */
export function compileCondition(
  condition: Condition,
  functions: TemplateFunctions,
): CompiledCondition {
  const evaluate = build(condition, [], functions);
  const usesSteps = pathsOf(condition).some((text) =>
    readsSteps(compileExpression(text, [], false, functions).ast()),
  );
  return { usesSteps, evaluate };
}

/** Every JSONata path or expression written in a condition. */
function pathsOf(condition: Condition): string[] {
  if (typeof condition === "string") return [condition];
  return Object.entries(condition).flatMap(([operator, argument]: [string, unknown]) => {
    if (operator === "all" || operator === "any") return (argument as Condition[]).flatMap(pathsOf);
    if (operator === "not") return pathsOf(argument as Condition);
    if (operator === "exists")
      return Array.isArray(argument) ? (argument as string[]) : [argument as string];
    return Object.keys(argument as Record<string, unknown>);
  });
}

function build(
  condition: Condition,
  path: (string | number)[],
  functions: TemplateFunctions,
): Evaluate {
  const at = formatAt(path);
  if (typeof condition === "string") {
    const evaluate = fastEvaluator(compileExpression(condition, path, false, functions));
    const source = condition;
    return async (context) => {
      const value: unknown = await evaluate(context, functions);
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
        evaluate: fastEvaluator(
          compileExpression(p, Array.isArray(argument) ? [...here, i] : here, false, functions),
        ),
      }));
      return async (context) => {
        for (const check of checks) {
          const seen: unknown = await check.evaluate(context, functions);
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
      return compileComparison(
        operator,
        argument as Record<string, unknown>,
        here,
        formatAt(here),
        functions,
      );
  }
}

function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(truthy);
  return Boolean(value);
}

function formatAt(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}
