import type { Logger } from "pino";
import type { Config } from "../config/config.ts";
import type { TargetRuntimes } from "../targets/target-runtimes.ts";
import { checkTargets } from "./check-targets.ts";
import { logTargetChecks } from "./log-target-checks.ts";

/** serve's start-up checks of the targets (a minute at most), logged; serving does not wait. */
export function checkTargetsAtStart(
  config: Config,
  targets: TargetRuntimes,
  now: () => number,
  log: Logger,
): void {
  checkTargets(config, targets, { now, signal: AbortSignal.timeout(60_000), atStart: true }).then(
    (checks) => logTargetChecks(log, checks),
    (error: unknown) => log.warn({ err: error }, "start-up target check failed"),
  );
}
