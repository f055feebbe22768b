import type { Explanation } from "../admin/explain-request.ts";

/** What `botbridge explain` exits with, and when: the one list --help and the README show. */
export const EXPLAIN_EXIT_CODES: readonly { code: number; when: string }[] = [
  {
    code: 0,
    when: "the request would be accepted and every action of each matched route renders and fits (or it is the sender's ping)",
  },
  {
    code: 1,
    when: "explain could not run (a problem in the routes file, no such source, a bad option) or the server would refuse the request before its checks (invalid_json, body_too_deep, method_not_allowed, ...)",
  },
  {
    code: 2,
    when: "verification failed: the sender would get 401 verification_failed and nothing would be stored",
  },
  {
    code: 3,
    when: "an action would fail: its params do not render or do not fit it (the delivery would fail with invalid_params or a template error)",
  },
  { code: 4, when: "no route matched: the event would be stored and nothing done with it" },
];

/** The exit code of an explanation: the first of 2, 3, 4 that applies, else 0. */
export function explainExitCode(explanation: Explanation): number {
  if (!explanation.verification.verified) return 2;
  if (explanation.ping) return 0;
  const events = [explanation, ...(explanation.more_events ?? [])];
  const routes = events.flatMap((event) => event.routes);
  if (routes.some((route) => route.actions?.some((action) => action.status === "error"))) return 3;
  if (!routes.some((route) => route.matched)) return 4;
  return 0;
}

/** The exit codes as --help (text) and the README (markdown) list them. */
export function formatExitCodes(style: "text" | "markdown"): string {
  return EXPLAIN_EXIT_CODES.map(({ code, when }) =>
    style === "text" ? `  ${code}  ${when}` : `- \`${code}\`: ${when}`,
  ).join("\n");
}
