import { newEventId } from "../core/new-event-id.ts";
import type { AdminChange, OperatorStore, Operation } from "./operator-store.ts";
import type { SqlRunner } from "./sql-runner.ts";

/**
 * The operator's writes. None holds a lease: a retry or cancel changes the row whatever worker
 * holds it, and that worker's next advance finds its lease gone (status is no longer running).
 */
export function createOperatorChanges(
  sql: SqlRunner,
): Pick<
  OperatorStore,
  | "retryDelivery"
  | "cancelDelivery"
  | "holdTarget"
  | "resumeTarget"
  | "recordAudit"
  | "createOperation"
  | "updateOperation"
> {
  const one = async (statement: string, params: (string | number | boolean | null)[]) =>
    (await sql.transaction([{ sql: statement, params }]))[0] ?? [];

  /** Changed, or why not: the delivery is unknown, or its status does not allow the change. */
  const outcome = async (changed: number, id: string): Promise<AdminChange> => {
    if (changed > 0) return "changed";
    const [row] = await sql.all("SELECT status FROM deliveries WHERE id = $1", [id]);
    return row ? "conflict" : "not_found";
  };

  return {
    async retryDelivery(id, now, { force }) {
      // From the failed action, keeping the outputs before it; forced, a succeeded one from its
      // first action. Attempts and the max_age clock (run_since) start afresh.
      const changed = await one(
        `UPDATE deliveries SET status = 'pending', next_attempt_at = $2, attempts = 0,
           lease_owner = NULL, wait_since = NULL, run_since = $2, updated_at = $2,
           next_action = CASE WHEN status = 'succeeded' THEN 0 ELSE next_action END,
           outputs = CASE WHEN status = 'succeeded' THEN '{}' ELSE outputs END,
           next_target = CASE WHEN status = 'succeeded' THEN coalesce(
             (SELECT ${sql.firstTarget} FROM route_snapshots s WHERE s.hash = deliveries.route_hash),
             next_target) ELSE next_target END
         WHERE id = $1 AND (status IN ('failed', 'cancelled') OR ($3 AND status = 'succeeded'))
         RETURNING id`,
        [id, now, force],
      );
      return outcome(changed.length, id);
    },

    async cancelDelivery(id, now) {
      const changed = await one(
        `UPDATE deliveries SET status = 'cancelled', lease_owner = NULL, updated_at = $2
         WHERE id = $1 AND status IN ('pending', 'running') RETURNING id`,
        [id, now],
      );
      return outcome(changed.length, id);
    },

    async holdTarget(target, hold) {
      await one(
        `INSERT INTO target_holds (target, cause, until, reason, held_by, held_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (target) DO UPDATE SET cause = excluded.cause, until = excluded.until,
           reason = excluded.reason, held_by = excluded.held_by, held_at = excluded.held_at`,
        [target, hold.cause, hold.until, hold.reason, hold.by, hold.now],
      );
    },

    async resumeTarget(target) {
      await sql.transaction([
        { sql: "DELETE FROM target_holds WHERE target = $1", params: [target] },
        { sql: "DELETE FROM target_pauses WHERE target = $1", params: [target] },
      ]);
    },

    async recordAudit(entry) {
      await one(
        "INSERT INTO audit (at, actor, action, subject, details) VALUES ($1, $2, $3, $4, $5)",
        [entry.at, entry.actor, entry.action, entry.subject, JSON.stringify(entry.details)],
      );
    },

    async createOperation({ kind, filter, actor, total, now }) {
      const operation: Operation = {
        id: newEventId(now),
        kind,
        filter,
        actor,
        status: "running",
        total,
        done: 0,
        changed: 0,
        error: null,
        created_at: now,
        updated_at: now,
      };
      await one(
        `INSERT INTO operations (id, kind, filter, actor, status, total, done, changed, error, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'running', $5, 0, 0, NULL, $6, $6)`,
        [operation.id, kind, JSON.stringify(filter), actor, total, now],
      );
      return operation;
    },

    async updateOperation(id, change) {
      await one(
        `UPDATE operations SET status = coalesce($2, status), done = coalesce($3, done),
           changed = coalesce($4, changed), error = CASE WHEN $5 THEN $6 ELSE error END, updated_at = $7
         WHERE id = $1`,
        [
          id,
          change.status ?? null,
          change.done ?? null,
          change.changed ?? null,
          change.error !== undefined,
          change.error ?? null,
          change.now,
        ],
      );
    },
  };
}
