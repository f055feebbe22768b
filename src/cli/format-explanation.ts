import type { ExplainedAction, ExplainedEvent, Explanation } from "../admin/explain-request.ts";
import { describeWhyNot } from "../routing/describe-why-not.ts";

/** The explanation as a person reads it in a terminal. */
export function formatExplanation(explanation: Explanation): string {
  const { verification } = explanation;
  const lines =
    verification.checks.length === 0
      ? ["verification: none configured (any request is accepted)"]
      : [
          verification.verified
            ? "verification: passed"
            : "verification: FAILED (the sender would get 401 verification_failed; nothing would be stored)",
          ...verification.checks.map((c) => `  ${c.ok ? "ok" : "FAILED"} ${c.scheme}: ${c.reason}`),
        ];
  if (explanation.ping) {
    lines.push(
      "ping: a test request from the sender; answered with the success response, stored nowhere, routed nowhere",
    );
  }
  for (const [index, explained] of [explanation, ...(explanation.more_events ?? [])].entries()) {
    const split = explanation.more_events ? "split " : "";
    lines.push("", ...formatEvent(explained, index, split, explanation.ping));
  }
  lines.push(
    "",
    "nothing was sent. Each target answered as in dry run: explain --answer, its dry_run_answer, or the action's built-in answer.",
  );
  return lines.join("\n");
}

function formatEvent(
  explanation: ExplainedEvent,
  index: number,
  split: string,
  ping: boolean,
): string[] {
  const { event } = explanation;
  const lines = [
    `${split ? `${split}event ${index + 1}` : "event"} (source ${event.source}, ${event.method} ${event.path}, ${event.content_type ?? "no content type"})`,
    indent(
      JSON.stringify({ query: event.query, headers: event.headers, body: event.body }, null, 2),
    ),
  ];
  if (explanation.dedupe_key !== undefined)
    lines.push(`dedupe key: ${JSON.stringify(explanation.dedupe_key)}`);
  if (explanation.routes.length === 0 && !ping)
    lines.push("", `no routes listen to source ${event.source}`);
  for (const route of explanation.routes) {
    lines.push("");
    if (!route.matched) {
      const why = route.why;
      lines.push(`route ${route.id}: not matched${why ? ` — ${describeWhyNot(why)}` : ""}`);
      continue;
    }
    lines.push(
      `route ${route.id}: matched${route.order_key !== undefined ? ` (order key ${JSON.stringify(route.order_key)})` : ""}`,
    );
    for (const action of route.actions ?? []) {
      const name = `  ${action.index + 1}. ${action.type} -> ${action.target}${action.id ? ` (id ${action.id})` : ""}`;
      if (action.status === "skipped") {
        lines.push(
          `${name}: skipped — ${describeWhyNot(action.why ?? { at: "when", expected: "true", seen: undefined })}`,
        );
      } else if (action.error) {
        lines.push(`${name}: would fail — ${action.error}`);
      } else {
        const waits = action.status === "pending" ? " waits for an earlier action's output" : "";
        lines.push(`${name}:${waits}`, indent(JSON.stringify(action.params, null, 2), 6));
        for (const problem of action.problems ?? []) lines.push(`      problem: ${problem}`);
        lines.push(...formatRun(action));
      }
    }
  }
  return lines;
}

/** The requests a previewed action would send, each with its dry-run answer, and its output. */
function formatRun(action: ExplainedAction): string[] {
  const lines = (action.requests ?? []).map(
    (r) =>
      `      ${r.method} ${r.url}${r.response_body !== undefined ? ` -> answers ${clip(r.response_body)}` : ""}`,
  );
  if (action.id && action.status === "ran")
    lines.push(`      steps.${action.id} = ${clip(JSON.stringify(action.output ?? null))}`);
  return lines;
}

/** One line of JSON, cut short past 300 characters (--json has it whole). */
function clip(text: string): string {
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

function indent(text: string, by = 2): string {
  return text
    .split("\n")
    .map((line) => " ".repeat(by) + line)
    .join("\n");
}
