import type pg from "pg";
import type { Store } from "./store.ts";

/**
 * The PostgreSQL advance: changes the delivery if `owner` still holds its lease and records the
 * attempt (if any), in one statement. False when the lease was lost.
 */
export async function advancePostgresDelivery(
  pool: pg.Pool,
  { delivery_id, owner, now, change, attempt }: Parameters<Store["advance"]>[0],
): Promise<boolean> {
  const has = (value: unknown) => value !== undefined;
  const params: unknown[] = [
    delivery_id,
    owner,
    change.status,
    now,
    change.status === "running" ? owner : null,
    has(change.next_action),
    change.next_action ?? null,
    has(change.outputs),
    change.outputs === undefined ? null : JSON.stringify(change.outputs),
    has(change.attempts),
    change.attempts ?? null,
    has(change.next_attempt_at),
    change.next_attempt_at ?? null,
    has(change.next_target),
    change.next_target ?? null,
    has(change.last_error),
    change.last_error ?? null,
    has(change.wait_since),
    change.wait_since ?? null,
    attempt ? JSON.stringify({ ...attempt, exchanges: JSON.stringify(attempt.exchanges) }) : null,
  ];
  // One statement, so the attempt and the change commit together or not at all. Committed, not
  // waited for on the disk (synchronous_commit off for this transaction only, as SQLite's
  // advance): an outcome lost to a crash of the database only runs that action again.
  const { rows: result } = await pool.query<Record<string, unknown>>({
    name: "botbridge_advance",
    text: `WITH unsynced AS (SELECT set_config('synchronous_commit', 'off', true)),
         moved AS (
           UPDATE deliveries SET status = $3, updated_at = $4, lease_owner = $5,
             next_action = CASE WHEN $6 THEN $7::integer ELSE next_action END,
             outputs = CASE WHEN $8 THEN $9::json ELSE outputs END,
             attempts = CASE WHEN $10 THEN $11::integer ELSE attempts END,
             next_attempt_at = CASE WHEN $12 THEN $13::bigint ELSE next_attempt_at END,
             next_target = CASE WHEN $14 THEN $15::text ELSE next_target END,
             last_error = CASE WHEN $16 THEN $17::text ELSE last_error END,
             wait_since = CASE WHEN $18 THEN $19::bigint ELSE wait_since END
           WHERE id = $1 AND status = 'running' AND lease_owner = $2
           RETURNING id),
         recorded AS (
           INSERT INTO attempts (delivery_id, action_index, action_type, target, started_at, duration_ms, outcome,
             exchanges, response_status, response_body, error_code, error_message)
           SELECT moved.id, a.action_index, a.action_type, a.target, a.started_at, a.duration_ms, a.outcome,
             a.exchanges::json, a.response_status, a.response_body, a.error_code, a.error_message
           FROM moved, json_to_record($20::json) AS a(action_index integer, action_type text, target text,
             started_at bigint, duration_ms integer, outcome text, exchanges text, response_status integer,
             response_body text, error_code text, error_message text)
           WHERE $20::json IS NOT NULL)
         SELECT count(*)::integer AS n FROM moved, unsynced`,
    values: params,
  });
  return (result[0]?.n as number) === 1;
}
