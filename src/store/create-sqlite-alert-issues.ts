import type { AlertIssueStore } from "./alert-issue-store.ts";
import type { GroupCommit } from "./group-commit.ts";
import type { PreparedStatements } from "./prepare-cached.ts";
import {
  alertIssueCursor,
  CLAIM_CONDITIONS,
  readAlertIssueCursor,
  readAlertIssueRow,
} from "./read-alert-issue-row.ts";

/** The SQLite `alert_issues` table, and what alert conditions read of deliveries. */
export function createSqliteAlertIssues(
  writes: GroupCommit,
  statement: PreparedStatements,
): AlertIssueStore {
  const active = (key: string) =>
    statement("SELECT * FROM alert_issues WHERE key = ? AND status <> 'resolved'").get(key);
  return {
    raiseAlertIssue(issue) {
      return writes.run(() => {
        const facts = JSON.stringify(issue.facts);
        statement(
          "INSERT INTO alert_issues (id, key, kind, subject, status, facts, opened_at, updated_at) VALUES (?, ?, ?, ?, 'open', ?, ?, ?) ON CONFLICT (key) WHERE status <> 'resolved' DO UPDATE SET facts = excluded.facts, updated_at = excluded.updated_at",
        ).run(issue.id, issue.key, issue.kind, issue.subject, facts, issue.now, issue.now);
        const row = active(issue.key);
        if (!row) throw new Error(`alert issue ${issue.key} vanished`);
        return readAlertIssueRow(row);
      });
    },

    activeAlertIssues() {
      const rows = statement("SELECT * FROM alert_issues WHERE status <> 'resolved'").all();
      return Promise.resolve(rows.map(readAlertIssueRow));
    },

    resolveAlertIssue(id, now) {
      return writes.run(
        () =>
          Number(
            statement(
              "UPDATE alert_issues SET status = 'resolved', resolved_at = ?, updated_at = ? WHERE id = ? AND status <> 'resolved'",
            ).run(now, now, id).changes,
          ) > 0,
      );
    },

    claimAlertMessage(id, stage, now, digestBefore) {
      const column = stage === "resolved" ? "resolved_sent_at" : "last_sent_at";
      return writes.run(
        () =>
          Number(
            statement(
              `UPDATE alert_issues SET ${column} = :now WHERE id = :id AND ${CLAIM_CONDITIONS[stage]}`,
            ).run(stage === "digest" ? { now, id, before: digestBefore } : { now, id }).changes,
          ) > 0,
      );
    },

    async listAlertIssues(filter, page) {
      await Promise.resolve(); // a malformed cursor rejects, as in every store
      const after = page.cursor ? readAlertIssueCursor(page.cursor) : null;
      const rows = statement(
        "SELECT * FROM alert_issues WHERE (:status IS NULL OR status = :status) AND (:at IS NULL OR (opened_at, id) < (:at, :id)) ORDER BY opened_at DESC, id DESC LIMIT :limit",
      ).all({
        status: filter.status ?? null,
        at: after?.opened_at ?? null,
        id: after?.id ?? null,
        limit: page.limit + 1,
      });
      const data = rows.slice(0, page.limit).map(readAlertIssueRow);
      const last = data.at(-1);
      const next_cursor = rows.length > page.limit && last ? alertIssueCursor(last) : null;
      return { data, next_cursor };
    },

    getAlertIssue(id) {
      const row = statement("SELECT * FROM alert_issues WHERE id = ?").get(id);
      return Promise.resolve(row ? readAlertIssueRow(row) : null);
    },

    acknowledgeAlertIssue(id, by, now) {
      return writes.run(() => {
        const row = statement("SELECT status FROM alert_issues WHERE id = ?").get(id);
        if (!row) return "not_found" as const;
        if (row.status === "resolved") return "conflict" as const;
        statement(
          "UPDATE alert_issues SET status = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?, updated_at = ? WHERE id = ? AND status = 'open'",
        ).run(now, by, now, id);
        return "changed" as const;
      });
    },

    failingDeliveries(since) {
      const rows = statement(
        "SELECT next_target AS target, route_id, count(*) AS count, last_error, max(updated_at) AS at FROM deliveries WHERE updated_at >= ? AND last_error IS NOT NULL AND status IN ('pending', 'running', 'failed') GROUP BY next_target, route_id",
      ).all(since);
      return Promise.resolve(
        rows.map((r) => ({
          target: r.target as string | null,
          route_id: r.route_id as string,
          count: Number(r.count),
          last_error: r.last_error as string | null,
        })),
      );
    },

    storeBytes() {
      const row = statement(
        "SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()",
      ).get();
      return Promise.resolve(Number(row?.bytes ?? 0));
    },
  };
}
