import jsonata from "jsonata";
import { fastEvaluator, type Evaluator } from "./fast-evaluator.ts";
import { findExpressions } from "./find-expressions.ts";
import { findUnknownFunction } from "./find-unknown-function.ts";
import { readsSteps } from "./reads-steps.ts";
import type { TemplateContext } from "./template-context.ts";
import { TemplateError, TemplateSyntaxError } from "./template-error.ts";
import type { TemplateFunctions } from "./template-functions.ts";

/** A template compiled once at load and rendered at dispatch time. */
export interface CompiledTemplate {
  readonly text: string;
  /** True when the template reads `steps.*`, the outputs of earlier actions. */
  readonly usesSteps: boolean;
  render(context: TemplateContext): Promise<unknown>;
}

export interface TemplateOptions {
  /**
   * Turns each expression's value, as text, into what is written (e.g. encodePathSegment). With
   * it the template always renders a string, and a value it refuses fails the rendering.
   */
  encode?: (text: string) => string;
}

interface Part {
  literal?: string;
  evaluate?: Evaluator;
  source?: string;
}

/**
 * Compiles a text holding `{{ JSONata }}` expressions. A text that is exactly one `{{ expr }}`
 * renders to the expression's value with its type (number, object, array; absent when
 * undefined); any text around the expressions makes the result a string, with absent values as
 * empty text. Throws TemplateSyntaxError with the offset of the mistake.
 */
export function compileTemplate(
  text: string,
  functions: TemplateFunctions,
  options: TemplateOptions = {},
): CompiledTemplate {
  const { encode } = options;
  const spans = findExpressions(text);
  const parts: Part[] = [];
  let cursor = 0;
  let usesSteps = false;
  for (const span of spans) {
    if (span.start > cursor) parts.push({ literal: text.slice(cursor, span.start) });
    const expression = compileExpression(span.expression, span.expressionStart, functions);
    usesSteps ||= readsSteps(expression.ast());
    parts.push({ evaluate: fastEvaluator(expression), source: span.expression.trim() });
    cursor = span.end;
  }
  if (cursor < text.length) parts.push({ literal: text.slice(cursor) });

  const single = parts.length === 1 && parts[0]?.evaluate && !encode ? parts[0] : undefined;
  const evaluate = async (part: Part, context: TemplateContext): Promise<unknown> => {
    try {
      const value = plain(await part.evaluate?.(context, functions));
      return encode ? encode(stringify(value)) : value;
    } catch (error) {
      throw asTemplateError(error, part.source ?? "");
    }
  };

  return {
    text,
    usesSteps,
    async render(context) {
      if (single) return evaluate(single, context);
      let out = "";
      for (const part of parts) {
        out += part.literal ?? stringify(await evaluate(part, context));
      }
      return out;
    },
  };
}

function compileExpression(
  source: string,
  offset: number,
  functions: TemplateFunctions,
): jsonata.Expression {
  let expression: jsonata.Expression;
  try {
    expression = jsonata(source);
  } catch (error) {
    const e = error as Partial<jsonata.JsonataError>;
    const position = typeof e.position === "number" ? Math.max(0, e.position - 1) : 0;
    throw new TemplateSyntaxError(
      `template does not compile: ${e.message ?? String(error)}`,
      offset + position,
    );
  }
  const unknown = findUnknownFunction(expression.ast(), functions);
  if (unknown) throw new TemplateSyntaxError(unknown.message, offset + unknown.offset);
  return expression;
}

/** JSONata marks result arrays as sequences and may return functions; keep plain data only. */
function plain(value: unknown): unknown {
  if (typeof value === "function") return undefined;
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

function stringify(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function asTemplateError(error: unknown, source: string): TemplateError {
  if (error instanceof TemplateError) {
    return new TemplateError(error.code, `{{ ${source} }}: ${error.message}`);
  }
  const message = (error as { message?: string }).message ?? String(error);
  return new TemplateError("template_error", `{{ ${source} }}: ${message}`);
}
