import type pg from "pg";

/**
 * Deletes events received before `before` with no unfinished delivery, 1000 per statement so
 * ingests interleave, then the dedupe keys expired at `now`; returns the events deleted.
 */
export async function purgePostgres(pool: pg.Pool, before: number, now: number): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await pool.query(
      `DELETE FROM events WHERE id IN (
             SELECT id FROM events ev WHERE received_at < $1
               AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = ev.id AND d.status IN ('pending', 'running'))
             LIMIT 1000)`,
      [before],
    );
    total += result.rowCount ?? 0;
    if ((result.rowCount ?? 0) < 1000) break;
  }
  await pool.query("DELETE FROM dedupe_keys WHERE expires_at <= $1", [now]);
  return total;
}
