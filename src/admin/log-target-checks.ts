import type { Logger } from "pino";
import type { TargetCheck } from "./check-targets.ts";

/** What serve logs of its start-up check: each missing referral as a warning. */
export function logTargetChecks(log: Logger, checks: readonly TargetCheck[]): void {
  for (const check of checks) {
    if (check.ok === "skipped") continue;
    if (!check.ok) {
      log.warn({ target: check.target }, `could not check BotHelp referrals: ${check.error}`);
      continue;
    }
    for (const m of check.missing) {
      log.warn(
        {
          target: m.target,
          route_id: m.route,
          action: m.action + 1,
          kind: m.kind,
          referral: m.referral,
        },
        `BotHelp has no ${m.kind} ${m.referral}${m.kind === "step" ? ` in flow ${m.flow ?? "?"}` : ""}: the API accepts it silently and nothing happens`,
      );
    }
    if (check.missing.length === 0)
      log.info(
        { target: check.target },
        "every BotHelp flow, step and sequence in the routes exists",
      );
  }
}
