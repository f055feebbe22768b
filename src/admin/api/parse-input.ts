import type { z } from "zod";
import { formatIssues } from "../../core/format-issues.ts";
import { HttpError } from "../../core/http-error.ts";
import { issueMessage } from "../../core/issue-message.ts";
import { formatProblem } from "../../core/problem.ts";

/**
 * A request's query or body through its zod schema: the parsed value, or HttpError 400
 * (`invalid_query` / `invalid_body`) naming every problem in words (`limit: expected at most 500`).
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: "query" | "body",
): z.output<T> {
  const parsed = schema.safeParse(value, { error: issueMessage });
  if (parsed.success) return parsed.data;
  const problems = formatIssues(parsed.error.issues, value).map(formatProblem);
  throw new HttpError(400, `invalid_${where}`, `invalid ${where}: ${problems.join("; ")}`);
}
