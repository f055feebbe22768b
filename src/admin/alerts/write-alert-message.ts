import type { AlertIssue } from "../../store/alert-issue-store.ts";
import type { AlertMessage } from "./alert-channel.ts";
import type { AlertTexts } from "./alert-texts-en.ts";

/** What a message is written from: an issue, or only its kind, subject and facts. */
export type IssueFacts = Pick<AlertIssue, "kind" | "subject" | "facts"> &
  Partial<Pick<AlertIssue, "id" | "opened_at" | "resolved_at">>;

/**
 * The message of one stage of an issue: short plain text in the configured language, ending with
 * the console page of the problem.
 */
export function writeAlertMessage(
  issue: IssueFacts,
  stage: "opened" | "digest" | "resolved",
  texts: AlertTexts,
  consoleUrl: string,
  now: number,
): AlertMessage {
  const link = consoleLinkOf(issue, consoleUrl);
  const opened = issue.opened_at ?? now;
  const text = fill(texts[stage], {
    text: describeIssue(issue, texts, now),
    link,
    since: `${new Date(opened).toISOString().slice(0, 16).replace("T", " ")} UTC`,
    lasted: formatDuration((issue.resolved_at ?? now) - opened, texts),
  });
  return {
    stage,
    kind: issue.kind,
    subject: issue.subject,
    text,
    link,
    issue_id: issue.id ?? null,
    opened_at: issue.opened_at === undefined ? null : new Date(issue.opened_at).toISOString(),
  };
}

/** The one sentence that says what is wrong. */
export function describeIssue(issue: IssueFacts, texts: AlertTexts, now: number): string {
  const f = issue.facts;
  const num = (key: string) => Number(f[key] ?? 0);
  const str = (key: string) => (typeof f[key] === "string" ? f[key] : "");
  const subject = issue.subject;
  switch (issue.kind) {
    case "deliveries_failing":
      return fill(
        f.per === "route" ? texts.deliveries_failing_route : texts.deliveries_failing_target,
        {
          subject,
          count: String(num("count")),
          window: formatDuration(num("window"), texts),
          last_error: str("last_error"),
        },
      );
    case "target_paused": {
      const cause = str("cause");
      const said =
        cause === "rate_limit" || cause === "circuit_breaker" || cause === "operator"
          ? texts[`cause_${cause}`]
          : cause;
      return fill(texts.target_paused, {
        subject,
        paused_for: formatDuration(now - num("since"), texts),
        cause: said,
        reason: str("reason"),
      });
    }
    case "waiting_too_long":
      return fill(texts.waiting_too_long, {
        subject,
        waited: formatDuration(now - num("oldest_waiting_at"), texts),
        count: String(num("count")),
      });
    case "credentials_refused": {
      const variables = Array.isArray(f.variables)
        ? f.variables.map((v) => `\${${String(v)}}`)
        : [];
      return fill(texts.credentials_refused, {
        subject,
        variables: variables.length > 0 ? variables.join(", ") : texts.credentials_unknown_variable,
        reason: str("reason"),
      }).trim();
    }
    case "reload_refused":
      return fill(texts.reload_refused, {
        subject,
        count: String(num("count")),
        problem: str("problem"),
      });
    case "store_size":
      return fill(texts.store_size, {
        size: formatBytes(num("bytes"), texts),
        limit: formatBytes(num("limit"), texts),
      });
    case "disk_free":
      return fill(texts.disk_free, {
        subject,
        folder: str("folder"),
        free: formatBytes(num("free"), texts),
        limit: formatBytes(num("limit"), texts),
      });
    default:
      return `${issue.kind} ${subject}`.trim();
  }
}

/** The console page of a problem: the target's page, a route's failed events, or the overview. */
export function consoleLinkOf(
  issue: Pick<IssueFacts, "kind" | "subject" | "facts">,
  base: string,
): string {
  const root = base.replace(/\/+$/, "");
  const name = encodeURIComponent(issue.subject);
  if (issue.kind === "deliveries_failing" && issue.facts.per === "route")
    return `${root}/events?status=failed&route=${name}`;
  if (
    ["deliveries_failing", "target_paused", "waiting_too_long", "credentials_refused"].includes(
      issue.kind,
    )
  )
    return `${root}/targets/${name}`;
  return `${root}/`;
}

/** `{name}` replaced by its value; unknown names are left as written. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

export function formatDuration(ms: number, texts: AlertTexts): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return fill(texts.unit_s, { n: String(s) });
  if (s < 3600) return fill(texts.unit_min, { n: String(Math.round(s / 60)) });
  if (s < 48 * 3600) return fill(texts.unit_h, { n: String(Math.round(s / 360) / 10) });
  return fill(texts.unit_d, { n: String(Math.round(s / 8640) / 10) });
}

function formatBytes(bytes: number, texts: AlertTexts): string {
  if (bytes < 1024 ** 3) return fill(texts.unit_mb, { n: String(Math.round(bytes / 1024 ** 2)) });
  return fill(texts.unit_gb, { n: String(Math.round((bytes / 1024 ** 3) * 10) / 10) });
}
