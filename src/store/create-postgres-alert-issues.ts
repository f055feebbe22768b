import type pg from "pg";
import type { AlertIssueStore } from "./alert-issue-store.ts";
import {
  alertIssueCursor,
  CLAIM_CONDITIONS,
  readAlertIssueCursor,
  readAlertIssueRow,
} from "./read-alert-issue-row.ts";

/**
 * The PostgreSQL `alert_issues` table. Several instances raise the same condition: the partial
 * unique index keeps one issue, and a message is claimed by one UPDATE ... WHERE.
 */
export function createPostgresAlertIssues(pool: pg.Pool): AlertIssueStore {
  const rowsOf = async (sql: string, values: unknown[]) =>
    (await pool.query<Record<string, unknown>>(sql, values)).rows;
  return {
    async raiseAlertIssue(issue) {
      const facts = JSON.stringify(issue.facts);
      const [row] = await rowsOf(
        `INSERT INTO alert_issues (id, key, kind, subject, status, facts, opened_at, updated_at)
         VALUES ($1, $2, $3, $4, 'open', $5, $6, $6)
         ON CONFLICT (key) WHERE status <> 'resolved' DO UPDATE SET facts = excluded.facts, updated_at = excluded.updated_at
         RETURNING *`,
        [issue.id, issue.key, issue.kind, issue.subject, facts, issue.now],
      );
      if (!row) throw new Error(`alert issue ${issue.key} vanished`);
      return readAlertIssueRow(row);
    },

    async activeAlertIssues() {
      return (await rowsOf("SELECT * FROM alert_issues WHERE status <> 'resolved'", [])).map(
        readAlertIssueRow,
      );
    },

    async resolveAlertIssue(id, now) {
      const { rowCount } = await pool.query(
        "UPDATE alert_issues SET status = 'resolved', resolved_at = $1, updated_at = $1 WHERE id = $2 AND status <> 'resolved'",
        [now, id],
      );
      return (rowCount ?? 0) > 0;
    },

    async claimAlertMessage(id, stage, now, digestBefore) {
      const column = stage === "resolved" ? "resolved_sent_at" : "last_sent_at";
      const where = CLAIM_CONDITIONS[stage].replace(":before", "$3");
      const { rowCount } = await pool.query(
        `UPDATE alert_issues SET ${column} = $1 WHERE id = $2 AND ${where}`,
        stage === "digest" ? [now, id, digestBefore] : [now, id],
      );
      return (rowCount ?? 0) > 0;
    },

    async listAlertIssues(filter, page) {
      const after = page.cursor ? readAlertIssueCursor(page.cursor) : null;
      const rows = await rowsOf(
        `SELECT * FROM alert_issues WHERE ($1::text IS NULL OR status = $1)
         AND ($2::bigint IS NULL OR (opened_at, id) < ($2, $3::text))
         ORDER BY opened_at DESC, id DESC LIMIT $4`,
        [filter.status ?? null, after?.opened_at ?? null, after?.id ?? null, page.limit + 1],
      );
      const data = rows.slice(0, page.limit).map(readAlertIssueRow);
      const last = data.at(-1);
      return {
        data,
        next_cursor: rows.length > page.limit && last ? alertIssueCursor(last) : null,
      };
    },

    async getAlertIssue(id) {
      const [row] = await rowsOf("SELECT * FROM alert_issues WHERE id = $1", [id]);
      return row ? readAlertIssueRow(row) : null;
    },

    async acknowledgeAlertIssue(id, by, now) {
      const [row] = await rowsOf(
        `UPDATE alert_issues SET status = CASE WHEN status = 'open' THEN 'acknowledged' ELSE status END,
           acknowledged_at = CASE WHEN status = 'open' THEN $2 ELSE acknowledged_at END,
           acknowledged_by = CASE WHEN status = 'open' THEN $3 ELSE acknowledged_by END
         WHERE id = $1 RETURNING status`,
        [id, now, by],
      );
      if (!row) return "not_found";
      return row.status === "resolved" ? "conflict" : "changed";
    },

    async failingDeliveries(since) {
      const rows = await rowsOf(
        `SELECT next_target AS target, route_id, count(*)::int AS count,
           (array_agg(last_error ORDER BY updated_at DESC))[1] AS last_error
         FROM deliveries WHERE updated_at >= $1 AND last_error IS NOT NULL AND status IN ('pending', 'running', 'failed')
         GROUP BY next_target, route_id`,
        [since],
      );
      return rows.map((r) => ({
        target: r.target as string | null,
        route_id: r.route_id as string,
        count: Number(r.count),
        last_error: r.last_error as string | null,
      }));
    },

    async storeBytes() {
      const [row] = await rowsOf(
        `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint AS bytes FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'`,
        [],
      );
      return Number(row?.bytes ?? 0);
    },
  };
}
