import type { Problem } from "../core/problem.ts";
import { compileValue, ValueSyntaxError, type CompiledValue } from "../templates/compile-value.ts";
import type { TemplateFunctions } from "../templates/template-functions.ts";

/**
 * A `dry_run_answer` (of an action item or of a target) compiled once: a JSON value whose strings
 * may be templates. Problems (templates that do not compile) are relative to the answer.
 */
export function compileDryRunAnswer(
  value: unknown,
  functions: TemplateFunctions,
): { answer?: CompiledValue; problems: Problem[] } {
  if (value === undefined) return { problems: [] };
  try {
    return { answer: compileValue(value, functions), problems: [] };
  } catch (error) {
    if (!(error instanceof ValueSyntaxError)) throw error;
    return {
      problems: error.mistakes.map((m) => ({ path: m.path, message: m.message, offset: m.offset })),
    };
  }
}
