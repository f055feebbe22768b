import jsonata from "jsonata";
import { ConditionSyntaxError } from "./condition-syntax-error.ts";

/** Compiles one JSONata path of a condition (`{{ }}` around it is optional). */
export function compileExpression(
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
