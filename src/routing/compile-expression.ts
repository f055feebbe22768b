import jsonata from "jsonata";
import { findUnknownFunction } from "../templates/find-unknown-function.ts";
import type { TemplateFunctions } from "../templates/template-functions.ts";
import { ConditionSyntaxError } from "./condition-syntax-error.ts";

/**
 * Compiles one JSONata path of a condition (`{{ }}` around it is optional); a syntax error or a
 * call of an unknown function is a ConditionSyntaxError at its offset in `source`.
 */
export function compileExpression(
  source: string,
  path: (string | number)[],
  atKey: boolean,
  functions: TemplateFunctions,
): jsonata.Expression {
  const braced = /^(\s*\{\{)([\s\S]*)\}\}\s*$/.exec(source);
  const text = braced?.[2] ?? source;
  const start = braced?.[1]?.length ?? 0;
  let expression: jsonata.Expression;
  try {
    expression = jsonata(text);
  } catch (error) {
    const e = error as Partial<jsonata.JsonataError>;
    const offset = typeof e.position === "number" ? Math.max(0, e.position - 1) : 0;
    throw new ConditionSyntaxError(
      path,
      `does not compile: ${e.message ?? String(error)}`,
      atKey,
      start + offset,
    );
  }
  const unknown = findUnknownFunction(expression.ast(), functions);
  if (unknown) throw new ConditionSyntaxError(path, unknown.message, atKey, start + unknown.offset);
  return expression;
}
