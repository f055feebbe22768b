import type { Logger } from "pino";
import type { TargetCheck } from "./check-targets.ts";

/** What serve logs of its start-up checks: each thing an account lacks as a warning. */
export function logTargetChecks(log: Logger, checks: readonly TargetCheck[]): void {
  for (const check of checks) {
    if (check.ok === "skipped") continue;
    if (!check.ok) {
      log.warn({ target: check.target }, `could not check ${check.what}: ${check.error}`);
      continue;
    }
    const { missing, summary } = check.report;
    for (const m of missing) log.warn({ target: check.target, ...m.fields }, m.message);
    if (missing.length === 0) log.info({ target: check.target }, summary);
  }
}
