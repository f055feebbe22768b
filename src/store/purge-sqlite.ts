import type { GroupCommit } from "./group-commit.ts";
import type { PreparedStatements } from "./prepare-cached.ts";

/**
 * Deletes events received before `before` with no unfinished delivery, with their search terms,
 * 1000 per transaction so ingests interleave; then audit entries and operations from before
 * `before`, route snapshots no delivery uses any more and dedupe keys expired at `now`.
 * Returns the events deleted.
 */
export async function purgeSqlite(
  writes: GroupCommit,
  statement: PreparedStatements,
  before: number,
  now: number,
): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await writes.run(() => {
      const gone = statement(`DELETE FROM events WHERE id IN (
              SELECT id FROM events ev WHERE received_at < ?
                AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = ev.id AND d.status IN ('pending', 'running'))
              LIMIT 1000) RETURNING id, terms`).all(before);
      const term = statement("DELETE FROM event_terms WHERE term = ? AND event_id = ?");
      for (const { id, terms } of gone)
        for (const t of JSON.parse((terms as string | null) ?? "[]") as string[])
          term.run(t, id as string);
      return gone.length;
    });
    total += deleted;
    if (deleted < 1000) break;
  }
  await writes.run(() => {
    statement("DELETE FROM dedupe_keys WHERE expires_at <= ?").run(now);
    statement("DELETE FROM audit WHERE at < ?").run(before);
    statement("DELETE FROM operations WHERE updated_at < ? AND status <> 'running'").run(before);
    if (total > 0)
      statement(
        "DELETE FROM route_snapshots WHERE hash NOT IN (SELECT DISTINCT route_hash FROM deliveries)",
      ).run();
  });
  return total;
}
