import type { SqlRunner } from "./sql-runner.ts";

/**
 * How far apart two instances' clocks may be: deliveries are created in seq order at their
 * instance's time, so created_at grows with seq up to this much.
 */
export const CLOCK_SLACK = 60_000;

/**
 * The first delivery seq created at `at` or later (one past the last when none is), by a
 * binary search over seq: a time bound on deliveries becomes a seq range the primary key walks,
 * without an index on created_at to keep up on every claim and advance.
 */
export async function findFirstSeq(sql: SqlRunner, at: number): Promise<number> {
  // two subqueries: min and max in one SELECT would scan every row (SQLite)
  const [bounds] = await sql.all(
    "SELECT (SELECT min(seq) FROM deliveries) AS lo, (SELECT max(seq) FROM deliveries) AS hi",
    [],
  );
  let lo = Number(bounds?.lo ?? 0);
  let hi = Number(bounds?.hi ?? -1) + 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const [row] = await sql.all(
      "SELECT seq, created_at FROM deliveries WHERE seq >= $1 ORDER BY seq LIMIT 1",
      [mid],
    );
    const seq = Number(row?.seq ?? hi);
    if (seq >= hi) hi = mid;
    else if (Number(row?.created_at) < at) lo = seq + 1;
    else hi = seq;
  }
  return lo;
}
