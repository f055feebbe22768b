import type { Explanation } from "./explain-request.ts";

/** The explanation as a person reads it in a terminal. */
export function formatExplanation(explanation: Explanation): string {
  const { event } = explanation;
  const lines = [
    `event (source ${event.source}, ${event.method} ${event.path}, ${event.content_type ?? "no content type"})`,
    indent(JSON.stringify({ query: event.query, body: event.body }, null, 2)),
  ];
  if (explanation.dedupe_key !== undefined)
    lines.push(`dedupe key: ${JSON.stringify(explanation.dedupe_key)}`);
  if (explanation.routes.length === 0) lines.push("", `no routes listen to source ${event.source}`);
  for (const route of explanation.routes) {
    lines.push("");
    if (!route.matched) {
      const why = route.why;
      lines.push(
        `route ${route.id}: not matched${why ? ` — ${why.at}: expected ${why.expected}, saw ${show(why.seen)}` : ""}`,
      );
      continue;
    }
    lines.push(
      `route ${route.id}: matched${route.order_key !== undefined ? ` (order key ${JSON.stringify(route.order_key)})` : ""}`,
    );
    for (const action of route.actions ?? []) {
      const name = `  ${action.index + 1}. ${action.type} -> ${action.target}${action.id ? ` (id ${action.id})` : ""}`;
      if (action.status === "skipped") {
        lines.push(
          `${name}: skipped — ${action.why?.at ?? "when"}: expected ${action.why?.expected ?? "true"}, saw ${show(action.why?.seen)}`,
        );
      } else if (action.error) {
        lines.push(`${name}: would fail — ${action.error}`);
      } else {
        lines.push(`${name}:`, indent(JSON.stringify(action.params, null, 2), 6));
        for (const problem of action.problems ?? []) lines.push(`      problem: ${problem}`);
      }
    }
  }
  lines.push("", "nothing was sent.");
  return lines.join("\n");
}

function indent(text: string, by = 2): string {
  return text
    .split("\n")
    .map((line) => " ".repeat(by) + line)
    .join("\n");
}

function show(value: unknown): string {
  return value === undefined ? "nothing" : JSON.stringify(value);
}
