import type { Logger } from "pino";
import type { Config } from "../config/config.ts";
import { findRestartChanges } from "../config/find-restart-changes.ts";

/**
 * What a reload (SIGHUP) says once the new config is in use: what it applied, and, as a
 * `restart_needed` warning, the changed settings that only a restart applies (the old values
 * stay until then).
 */
export function logReload(log: Logger, before: Config, after: Config): void {
  log.info(
    { routes: after.routes.length, log_level: log.level },
    "config reloaded (sources, routes, targets, delivery settings and log level applied)",
  );
  const restart = findRestartChanges(before.settings, after.settings);
  if (restart.length > 0)
    log.warn(
      { code: "restart_needed", settings: restart },
      `${restart.join(", ")} changed: a restart applies them; until then the old values stay`,
    );
}
