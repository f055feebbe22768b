import type pg from "pg";
import { PAUSED_SQL } from "./paused-sql.ts";
import type { Store } from "./store.ts";

/** The PostgreSQL `target_pauses` table: a pause only ever lengthens; the latest reason is kept. */
export function createPostgresPauses(pool: pg.Pool): Pick<Store, "pauseTarget" | "pausedTargets"> {
  return {
    async pauseTarget(target, until, reason) {
      await pool.query(
        `INSERT INTO target_pauses (target, until, reason) VALUES ($1, $2, $3)
         ON CONFLICT (target) DO UPDATE SET until = greatest(target_pauses.until, excluded.until), reason = excluded.reason`,
        [target, until, reason],
      );
    },

    async pausedTargets(now) {
      const { rows: paused } = await pool.query<Record<string, unknown>>(PAUSED_SQL, [now]);
      return new Map(paused.map((r) => [r.target as string, r.until as number]));
    },
  };
}
