import { HttpError } from "../core/http-error.ts";

/** The answer to a body or query nested deeper than server.depth_limit. */
export function tooDeep(part: "body" | "query", limit: number): HttpError {
  return new HttpError(
    400,
    "body_too_deep",
    `the ${part} nests objects and arrays more than ${limit} deep (server.depth_limit)`,
  );
}

/**
 * Refuses a parsed body or query that nests objects and arrays more than `limit` deep (an
 * object or array is 1 deep, one inside it 2, ...), so nothing recursive downstream (redaction,
 * storage, templates, explain) ever meets a deeper value. Walks without recursion, and stops at
 * the first value too deep.
 */
export function assertDepth(value: unknown, limit: number, part: "body" | "query"): void {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop() as [unknown, number];
    if (item === null || typeof item !== "object") continue;
    if (depth > limit) throw tooDeep(part, limit);
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
}
