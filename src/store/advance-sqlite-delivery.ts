import type { SQLInputValue } from "node:sqlite";
import type { PreparedStatements } from "./prepare-cached.ts";
import type { Store } from "./store.ts";

type Row = Record<string, SQLInputValue>;

/**
 * The SQLite advance, run inside a group-commit transaction: changes the delivery if `owner`
 * still holds its lease and records the attempt (if any). False when the lease was lost.
 */
export function advanceSqliteDelivery(
  statement: PreparedStatements,
  { delivery_id, owner, now, change, attempt }: Parameters<Store["advance"]>[0],
): boolean {
  const sets = ["status = :status", "updated_at = :now", "lease_owner = :lease_owner"];
  const params: Row = {
    id: delivery_id,
    owner,
    status: change.status,
    now,
    lease_owner: change.status === "running" ? owner : null,
  };
  const optional: [keyof typeof change, string, (v: unknown) => SQLInputValue][] = [
    ["next_action", "next_action", (v) => v as number],
    ["outputs", "outputs", (v) => JSON.stringify(v)],
    ["attempts", "attempts", (v) => v as number],
    ["next_attempt_at", "next_attempt_at", (v) => v as number],
    ["next_target", "next_target", (v) => v as string | null],
    ["last_error", "last_error", (v) => v as string | null],
    ["wait_since", "wait_since", (v) => v as number | null],
  ];
  for (const [key, column, encode] of optional) {
    if (change[key] === undefined) continue;
    sets.push(`${column} = :${column}`);
    params[column] = encode(change[key]);
  }
  const updated = statement(
    `UPDATE deliveries SET ${sets.join(", ")} WHERE id = :id AND status = 'running' AND lease_owner = :owner`,
  ).run(params);
  if (Number(updated.changes) === 0) return false;
  if (attempt) {
    statement(
      `INSERT INTO attempts (delivery_id, action_index, action_type, target, started_at, duration_ms, outcome, exchanges, response_status, response_body, error_code, error_message)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      delivery_id,
      attempt.action_index,
      attempt.action_type,
      attempt.target,
      attempt.started_at,
      attempt.duration_ms,
      attempt.outcome,
      JSON.stringify(attempt.exchanges),
      attempt.response_status,
      attempt.response_body,
      attempt.error_code,
      attempt.error_message,
    );
  }
  return true;
}
