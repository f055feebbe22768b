import { z } from "zod";
import { typeName } from "./issue-message.ts";

/** True when a string holds a `{{ ... }}` template (an unclosed `{{` too: compiling reports it). */
export function isTemplate(value: unknown): value is string {
  return typeof value === "string" && value.includes("{{");
}

/**
 * A value written as a `{{ expr }}` template. It stands in, at load time, for any value whose
 * real type is only known once the template renders at dispatch time.
 */
export const templateStringSchema = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? undefined
        : `expected {{ template }}, got ${typeName(issue.input)}`,
  })
  .refine(isTemplate, { params: { expected: "{{ template }}" }, abort: true })
  .meta({
    description: "A {{ JSONata }} template, rendered at dispatch time.",
    pattern: "\\{\\{[\\s\\S]*\\}\\}",
  });
