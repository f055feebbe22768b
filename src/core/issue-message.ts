import type { z } from "zod";
import { didYouMean } from "./did-you-mean.ts";

/** Separates the per-key messages of one unrecognized_keys issue (see formatIssues). */
export const KEY_MESSAGE_SEPARATOR = "\n";

/**
 * The zod error map for routes.yaml: short messages in the config's own words. It never echoes
 * an input value, since values may be secrets resolved from the environment.
 */
export function issueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "missing required key";
      return `expected ${issue.expected}, got ${typeName(issue.input)}`;
    case "unrecognized_keys": {
      const known = knownKeys(issue.inst);
      return issue.keys
        .map((key) => `unknown key "${key}"${didYouMean(key, known) || allowedKeys(known)}`)
        .join(KEY_MESSAGE_SEPARATOR);
    }
    case "invalid_value": {
      const expected = `expected ${issue.values.map((v) => JSON.stringify(v)).join(" | ")}`;
      const words = issue.values.filter((v) => typeof v === "string");
      return typeof issue.input === "string"
        ? `${expected}${didYouMean(issue.input, words)}`
        : expected;
    }
    case "invalid_union":
      if ("discriminator" in issue && issue.discriminator)
        return `expected ${issue.discriminator} to be one of the known kinds`;
      return undefined;
    case "too_small":
      if (issue.origin === "array") return `expected at least ${String(issue.minimum)} item(s)`;
      if (issue.origin === "string")
        return issue.minimum === 1
          ? "expected a non-empty string"
          : `expected at least ${String(issue.minimum)} characters`;
      return `expected ${issue.inclusive ? ">=" : ">"} ${String(issue.minimum)}`;
    case "too_big":
      if (issue.origin === "array") return `expected at most ${String(issue.maximum)} item(s)`;
      if (issue.origin === "string") return `expected at most ${String(issue.maximum)} characters`;
      return `expected ${issue.inclusive ? "<=" : "<"} ${String(issue.maximum)}`;
    case "invalid_format":
      if (issue.format === "url") return "expected a URL such as https://example.com";
      return undefined;
    case "not_multiple_of":
      return `expected a multiple of ${String(issue.divisor)}`;
    default:
      return undefined;
  }
}

export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number" && Number.isInteger(value)) return "number";
  return typeof value;
}

/** The ending of an unknown key's problem when no known key is close: every key allowed there. */
function allowedKeys(known: readonly string[]): string {
  return known.length > 0 ? `; allowed here: ${known.join(", ")}` : "";
}

function knownKeys(inst: unknown): string[] {
  const shape = (inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod
    ?.def?.shape;
  return shape ? Object.keys(shape) : [];
}
