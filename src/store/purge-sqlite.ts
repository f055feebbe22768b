import type { GroupCommit } from "./group-commit.ts";
import type { PreparedStatements } from "./prepare-cached.ts";

/**
 * Deletes events received before `before` with no unfinished delivery, 1000 per transaction so
 * ingests interleave, then the dedupe keys expired at `now`; returns the events deleted.
 */
export async function purgeSqlite(
  writes: GroupCommit,
  statement: PreparedStatements,
  before: number,
  now: number,
): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await writes.run(() =>
      Number(
        statement(`DELETE FROM events WHERE id IN (
              SELECT id FROM events ev WHERE received_at < ?
                AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = ev.id AND d.status IN ('pending', 'running'))
              LIMIT 1000)`).run(before).changes,
      ),
    );
    total += deleted;
    if (deleted < 1000) break;
  }
  await writes.run(() => statement("DELETE FROM dedupe_keys WHERE expires_at <= ?").run(now));
  return total;
}
