import type { z } from "zod";
import { KEY_MESSAGE_SEPARATOR, typeName } from "./issue-message.ts";
import type { Problem, ProblemPath } from "./problem.ts";

/**
 * Turns zod issues into one problem per mistake: unknown keys one by one (at the key), unions
 * narrowed to the alternative the input was evidently meant as, and type mismatches of every
 * alternative folded into one "expected A or B, got C".
 */
export function formatIssues(issues: readonly z.core.$ZodIssue[], data: unknown): Problem[] {
  const problems = issues.flatMap((issue) => expand(issue, [], data));
  const malformed = new Set(
    problems
      .filter((p) => p.atKey && p.message.startsWith("unknown key"))
      .map((p) => key(p.path.slice(0, -1))),
  );
  return problems
    .filter((p) => !(p.refinement && malformed.has(key(p.path))))
    .map(({ path, message, atKey }) => ({ path, message, atKey }));
}

interface Expanded extends Problem {
  atKey: boolean;
  refinement: boolean;
}

function expand(issue: z.core.$ZodIssue, base: ProblemPath, data: unknown): Expanded[] {
  const path = [...base, ...(issue.path as ProblemPath)];
  switch (issue.code) {
    case "unrecognized_keys": {
      const messages = issue.message.split(KEY_MESSAGE_SEPARATOR);
      return issue.keys.map((k, i) => ({
        path: [...path, k],
        message: messages[i] ?? `unknown key "${k}"`,
        atKey: true,
        refinement: false,
      }));
    }
    case "invalid_union": {
      if ("discriminator" in issue && issue.discriminator) {
        return [
          {
            path: [...path, issue.discriminator],
            message: issue.message,
            atKey: false,
            refinement: false,
          },
        ];
      }
      return expandUnion(issue.errors, path, data);
    }
    case "custom": {
      const params = (issue.params ?? {}) as { at_key?: boolean; expected?: string };
      if (params.expected) {
        return [
          {
            path,
            message: `expected ${params.expected}, got ${typeName(valueAt(data, path))}`,
            atKey: false,
            refinement: false,
          },
        ];
      }
      return [{ path, message: issue.message, atKey: params.at_key === true, refinement: true }];
    }
    default:
      return [{ path, message: issue.message, atKey: false, refinement: false }];
  }
}

function expandUnion(
  branches: readonly (readonly z.core.$ZodIssue[])[],
  path: ProblemPath,
  data: unknown,
): Expanded[] {
  const expanded = branches.map((issues) => issues.flatMap((issue) => expand(issue, path, data)));
  const meant = expanded.filter((problems) => !problems.every((p) => isTypeMismatch(p, path)));
  if (meant.length > 0) {
    return meant.reduce((best, problems) => (problems.length < best.length ? problems : best));
  }
  const expected = new Set(
    expanded
      .flat()
      .flatMap((p) =>
        (/^expected (.+), got /.exec(p.message)?.[1] ?? "").split(" or ").filter(Boolean),
      ),
  );
  if (expected.has("string")) expected.delete("{{ template }}");
  const got = typeName(valueAt(data, path));
  return [
    {
      path,
      message: `expected ${[...expected].join(" or ")}, got ${got}`,
      atKey: false,
      refinement: false,
    },
  ];
}

function isTypeMismatch(problem: Expanded, path: ProblemPath): boolean {
  return key(problem.path) === key(path) && /^expected .+, got /.test(problem.message);
}

function valueAt(data: unknown, path: ProblemPath): unknown {
  let node = data;
  for (const segment of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

function key(path: ProblemPath): string {
  return JSON.stringify(path);
}
