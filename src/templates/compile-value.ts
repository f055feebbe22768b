import { isTemplate } from "../core/template-string-schema.ts";
import { compileTemplate, type CompiledTemplate } from "./compile-template.ts";
import { encodePathSegment } from "./encode-path-segment.ts";
import type { TemplateContext } from "./template-context.ts";
import { TemplateSyntaxError } from "./template-error.ts";
import type { TemplateFunctions } from "./template-functions.ts";

/** A params tree (objects, arrays, scalars) whose template strings are compiled. */
export interface CompiledValue {
  readonly usesSteps: boolean;
  /**
   * Renders every template in the tree. Keys and array items whose template renders absent are
   * left out. `pending` replaces templates that read `steps.*` (used by explain, which runs no
   * action and so has no step outputs).
   */
  render(
    context: TemplateContext,
    pending?: (template: CompiledTemplate) => unknown,
  ): Promise<unknown>;
}

/** Where in a params tree templates failed to compile: each one, with its path and offset. */
export class ValueSyntaxError extends Error {
  readonly mistakes: { path: (string | number)[]; message: string; offset: number }[];
  constructor(mistakes: ValueSyntaxError["mistakes"]) {
    super(mistakes.map((m) => m.message).join("; "));
    this.name = "ValueSyntaxError";
    this.mistakes = mistakes;
  }
}

type Renderer = (
  context: TemplateContext,
  pending?: (t: CompiledTemplate) => unknown,
) => Promise<unknown>;

/**
 * Compiles every template string in a params tree; throws ValueSyntaxError naming the path of
 * each template that does not compile. In the top-level params named by `pathParams` (URL paths),
 * each `{{ }}` renders one path segment (encodePathSegment).
 */
export function compileValue(
  value: unknown,
  functions: TemplateFunctions,
  options: { pathParams?: readonly string[] } = {},
): CompiledValue {
  const pathParams = options.pathParams ?? [];
  let usesSteps = false;
  const mistakes: ValueSyntaxError["mistakes"] = [];
  const build = (node: unknown, path: (string | number)[]): Renderer => {
    if (isTemplate(node)) {
      const inPath = path.length === 1 && pathParams.includes(String(path[0]));
      let template: CompiledTemplate;
      try {
        template = compileTemplate(node, functions, inPath ? { encode: encodePathSegment } : {});
      } catch (error) {
        if (!(error instanceof TemplateSyntaxError)) throw error;
        mistakes.push({ path, message: error.message, offset: error.offset });
        return () => Promise.resolve(undefined);
      }
      usesSteps ||= template.usesSteps;
      return (context, pending) =>
        pending && template.usesSteps
          ? Promise.resolve(pending(template))
          : template.render(context);
    }
    if (Array.isArray(node)) {
      const items = node.map((item, index) => build(item, [...path, index]));
      return async (context, pending) => {
        const out: unknown[] = [];
        for (const item of items) {
          const rendered = await item(context, pending);
          if (rendered !== undefined) out.push(rendered);
        }
        return out;
      };
    }
    if (node !== null && typeof node === "object") {
      const entries = Object.entries(node).map(
        ([key, child]) => [key, build(child, [...path, key])] as const,
      );
      return async (context, pending) => {
        const out: Record<string, unknown> = {};
        for (const [key, child] of entries) {
          const rendered = await child(context, pending);
          if (rendered !== undefined) out[key] = rendered;
        }
        return out;
      };
    }
    return () => Promise.resolve(node);
  };
  const render = build(value, []);
  if (mistakes.length > 0) throw new ValueSyntaxError(mistakes);
  return { usesSteps, render };
}
