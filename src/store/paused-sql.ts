import { PAUSED_UNTIL_RESUMED } from "./operator-store.ts";

/**
 * Every target paused at `$1` with the end of its longest pause: a 429's or the circuit
 * breaker's (target_pauses), or a hold by hand or for refused credentials (target_holds; one
 * without end lasts until PAUSED_UNTIL_RESUMED).
 */
export const PAUSED_SQL = `SELECT target, max(until) AS until FROM (
    SELECT target, until FROM target_pauses WHERE until > $1
    UNION ALL SELECT target, coalesce(until, ${PAUSED_UNTIL_RESUMED}) FROM target_holds WHERE until IS NULL OR until > $1
  ) p GROUP BY target`;
