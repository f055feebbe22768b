import type { GroupCommit } from "./group-commit.ts";
import type { PreparedStatements } from "./prepare-cached.ts";
import { PAUSED_SQL } from "./paused-sql.ts";
import type { Store } from "./store.ts";

/** The SQLite `target_pauses` table: a pause only ever lengthens; the latest reason is kept. */
export function createSqlitePauses(
  writes: GroupCommit,
  statement: PreparedStatements,
): Pick<Store, "pauseTarget" | "pausedTargets"> {
  return {
    async pauseTarget(target, until, reason) {
      await writes.run(() =>
        statement(
          "INSERT INTO target_pauses (target, until, reason) VALUES (?, ?, ?) ON CONFLICT (target) DO UPDATE SET until = max(until, excluded.until), reason = excluded.reason",
        ).run(target, until, reason),
      );
    },

    pausedTargets(now) {
      const rows = statement(PAUSED_SQL.replaceAll("$1", "?1")).all(now);
      return Promise.resolve(new Map(rows.map((r) => [r.target as string, r.until as number])));
    },
  };
}
