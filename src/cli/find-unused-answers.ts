import type { Explanation } from "../admin/explain-request.ts";

/** The `--answer` step ids that answered nothing: no action with that id ran in the explanation. */
export function findUnusedAnswers(
  explanation: Explanation,
  answers: ReadonlyMap<string, unknown>,
): string[] {
  const ran = new Set(
    [explanation, ...(explanation.more_events ?? [])].flatMap((e) =>
      e.routes.flatMap((r) =>
        (r.actions ?? []).flatMap((a) => (a.status === "ran" && a.id ? [a.id] : [])),
      ),
    ),
  );
  return [...answers.keys()].filter((step) => !ran.has(step));
}
