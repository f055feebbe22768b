import {
  PAUSED_UNTIL_RESUMED,
  type OperatorStore,
  type PauseCause,
  type TargetState,
  type WindowStats,
} from "./operator-store.ts";
import { eventIdFloor } from "./page-cursor.ts";
import type { StoredRow } from "./read-rows.ts";
import type { SqlRunner } from "./sql-runner.ts";
import type { DeliveryStatus } from "./store.ts";

/** The distinct values of an indexed column, one index probe each (a loose index scan). */
const distinct = (table: string, column: string) =>
  `WITH RECURSIVE v(name) AS (
     SELECT min(${column}) FROM ${table} WHERE ${column} IS NOT NULL
     UNION ALL SELECT (SELECT min(${column}) FROM ${table} WHERE ${column} > v.name) FROM v WHERE v.name IS NOT NULL)
   SELECT name FROM v WHERE name IS NOT NULL`;

/** GET /targets and GET /stats: each target's pause, backlog and last outcomes; counts over a window. */
export function createTargetStates(
  sql: SqlRunner,
): Pick<OperatorStore, "targetStates" | "windowStats"> {
  return {
    async targetStates(now, known) {
      const [waitingRows, pauses, holds, attempted, delivered] = await Promise.all([
        sql.all(
          // grouped by an expression, so the waiting few are found by status, not by walking every target's rows
          `SELECT coalesce(next_target, '') AS name, count(*) AS n, min(run_since) AS oldest FROM deliveries
           WHERE status IN ('pending', 'running') GROUP BY coalesce(next_target, '')`,
          [],
        ),
        sql.all("SELECT target, until, reason FROM target_pauses WHERE until > $1", [now]),
        sql.all(
          "SELECT target, cause, until, reason FROM target_holds WHERE until IS NULL OR until > $1",
          [now],
        ),
        sql.all(distinct("attempts", "target"), []),
        sql.all(distinct("deliveries", "next_target"), []),
      ]);
      const byName = <T>(rows: StoredRow[], key: string) =>
        new Map(rows.map((r) => [r[key] as string, r as T]));
      const waiting = byName<StoredRow>(
        waitingRows.filter((r) => r.name !== ""),
        "name",
      );
      const paused = byName<StoredRow>(pauses, "target");
      const held = byName<StoredRow>(holds, "target");
      const names = new Set([
        ...known,
        ...waiting.keys(),
        ...paused.keys(),
        ...held.keys(),
        ...[...attempted, ...delivered].map((r) => r.name as string),
      ]);
      return Promise.all(
        [...names].sort().map(async (name): Promise<TargetState> => {
          const [success, retry, failed] = await Promise.all(
            ["ok", "retry", "failed"].map(
              async (outcome) =>
                (
                  await sql.all(
                    `SELECT started_at, error_code, error_message FROM attempts
                     WHERE target = $1 AND outcome = $2 ORDER BY started_at DESC LIMIT 1`,
                    [name, outcome],
                  )
                )[0],
            ),
          );
          const failure = [retry, failed]
            .filter((r) => r !== undefined)
            .sort((a, b) => (b.started_at as number) - (a.started_at as number))[0];
          const hold = held.get(name);
          const pause = paused.get(name);
          const w = waiting.get(name);
          return {
            name,
            paused_until: hold
              ? ((hold.until as number | null) ?? PAUSED_UNTIL_RESUMED)
              : ((pause?.until as number | undefined) ?? null),
            paused_by: hold
              ? (hold.cause as PauseCause)
              : pause
                ? causeOf(pause.reason as string)
                : null,
            pause_reason: ((hold ?? pause)?.reason as string | undefined) ?? null,
            waiting: Number(w?.n ?? 0),
            oldest_waiting_at: (w?.oldest as number | undefined) ?? null,
            last_success_at: (success?.started_at as number | undefined) ?? null,
            last_failure_at: (failure?.started_at as number | undefined) ?? null,
            last_error: failure
              ? `${failure.error_code as string}: ${failure.error_message as string}`
              : null,
          };
        }),
      );
    },

    async windowStats(since, now) {
      // the events received in the window and their deliveries, found by event id (a UUIDv7 of
      // received_at) alone: an index range, no row read for the events
      const range = [eventIdFloor(since), eventIdFloor(now + 1)];
      const [[events], groups, [waiting]] = await Promise.all([
        sql.all("SELECT count(*) AS n FROM events WHERE id >= $1 AND id < $2", range),
        sql.all(
          `SELECT d.route_id, d.status, count(*) AS n FROM deliveries d
           WHERE d.event_id >= $1 AND d.event_id < $2
           GROUP BY d.route_id, d.status ORDER BY d.route_id, d.status`,
          range,
        ),
        sql.all(
          "SELECT count(*) AS n, min(run_since) AS oldest FROM deliveries WHERE status IN ('pending', 'running')",
          [],
        ),
      ]);
      const stats: WindowStats = {
        since,
        now,
        events: Number(events?.n ?? 0),
        deliveries_by_status: { pending: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0 },
        by_route: groups.map((g) => ({
          route_id: g.route_id as string,
          status: g.status as DeliveryStatus,
          count: Number(g.n),
        })),
        waiting: Number(waiting?.n ?? 0),
        oldest_waiting_at: (waiting?.oldest as number | null | undefined) ?? null,
      };
      for (const g of stats.by_route) stats.deliveries_by_status[g.status] += g.count;
      return stats;
    },
  };
}

/** Which pause of the shared table this is: the circuit breaker's says so, a 429's is its error. */
function causeOf(reason: string): PauseCause {
  return reason.startsWith("circuit open") ? "circuit_breaker" : "rate_limit";
}
