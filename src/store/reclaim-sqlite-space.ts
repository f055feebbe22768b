import type { DatabaseSync } from "node:sqlite";
import type { GroupCommit } from "./group-commit.ts";

/** Pages moved per transaction (8 MB of 4 KB pages), so ingests interleave with a large reclaim. */
const CHUNK = 2048;

/**
 * Gives the pages a purge freed back to the file system: an incremental vacuum in chunks, each
 * its own transaction, then a TRUNCATE checkpoint so the WAL that carried the moved pages
 * shrinks too. Returns the pages given back (0 when auto_vacuum is not incremental: see
 * enableIncrementalVacuum).
 */
export async function reclaimSqliteSpace(writes: GroupCommit, db: DatabaseSync): Promise<number> {
  const freePages = () => Number(db.prepare("PRAGMA freelist_count").get()?.freelist_count);
  let reclaimed = 0;
  for (;;) {
    const step = await writes.run(
      () => {
        const before = freePages();
        if (before === 0) return 0;
        db.exec(`PRAGMA incremental_vacuum(${CHUNK})`);
        return before - freePages();
      },
      // a reclaim lost to a power cut is only done again at the next purge
      { durable: false },
    );
    reclaimed += step;
    if (step < CHUNK) break;
  }
  if (reclaimed > 0) {
    await writes.drain();
    // no transaction is open between batches; committed pages are written to the file first
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  return reclaimed;
}
