import type pg from "pg";

/**
 * Deletes events received before `before` with no unfinished delivery, with their search terms,
 * 1000 per statement so ingests interleave; then audit entries and operations from before
 * `before`, route snapshots no delivery uses any more and dedupe keys expired at `now`.
 * Returns the events deleted.
 */
export async function purgePostgres(pool: pg.Pool, before: number, now: number): Promise<number> {
  let total = 0;
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(
      `WITH gone AS (
             DELETE FROM events WHERE id IN (
               SELECT id FROM events ev WHERE received_at < $1
                 AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = ev.id AND d.status IN ('pending', 'running'))
               LIMIT 1000)
             RETURNING id, terms),
           unterm AS (
             DELETE FROM event_terms t USING (SELECT id, unnest(terms) AS term FROM gone) g
             WHERE t.term = g.term AND t.event_id = g.id)
         SELECT count(*)::integer AS n FROM gone`,
      [before],
    );
    const deleted = rows[0]?.n ?? 0;
    total += deleted;
    if (deleted < 1000) break;
  }
  await pool.query("DELETE FROM dedupe_keys WHERE expires_at <= $1", [now]);
  await pool.query("DELETE FROM audit WHERE at < $1", [before]);
  await pool.query("DELETE FROM operations WHERE updated_at < $1 AND status <> 'running'", [
    before,
  ]);
  // A snapshot an ingest is about to use again could go in the same instant: its delivery then
  // fails as a route that does not compile. It takes a route unused for the whole retention.
  if (total > 0)
    await pool.query(
      "DELETE FROM route_snapshots WHERE hash NOT IN (SELECT DISTINCT route_hash FROM deliveries)",
    );
  return total;
}
