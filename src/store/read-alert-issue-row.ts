import { HttpError } from "../core/http-error.ts";
import type { AlertIssue, AlertIssueStatus } from "./alert-issue-store.ts";

/** An `alert_issues` row of either store as an AlertIssue. */
export function readAlertIssueRow(row: Record<string, unknown>): AlertIssue {
  const time = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    id: row.id as string,
    key: row.key as string,
    kind: row.kind as string,
    subject: row.subject as string,
    status: row.status as AlertIssueStatus,
    facts: JSON.parse(row.facts as string) as Record<string, unknown>,
    opened_at: Number(row.opened_at),
    updated_at: Number(row.updated_at),
    last_sent_at: time(row.last_sent_at),
    resolved_at: time(row.resolved_at),
    acknowledged_at: time(row.acknowledged_at),
    acknowledged_by: (row.acknowledged_by as string | null) ?? null,
  };
}

/** The page cursor after an issue: its opening time and id. */
export function alertIssueCursor(issue: AlertIssue): string {
  return Buffer.from(`${issue.opened_at}.${issue.id}`).toString("base64url");
}

/** A cursor back into (opened_at, id); HttpError 400 invalid_cursor when it is not one. */
export function readAlertIssueCursor(cursor: string): { opened_at: number; id: string } {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const match = /^(\d+)\.(.+)$/.exec(text);
  if (!match) throw new HttpError(400, "invalid_cursor", "the cursor is not one this API gave");
  return { opened_at: Number(match[1]), id: match[2] ?? "" };
}

/** The WHERE of a message claim (see AlertIssueStore.claimAlertMessage), with named parameters. */
export const CLAIM_CONDITIONS = {
  opened: "last_sent_at IS NULL AND status <> 'resolved'",
  digest: "last_sent_at IS NOT NULL AND last_sent_at <= :before AND status = 'open'",
  resolved: "status = 'resolved' AND last_sent_at IS NOT NULL AND resolved_sent_at IS NULL",
} as const;
