import type { Logger } from "pino";
import type { Config } from "../config/config.ts";

/**
 * What `serve` says once it listens: where and with what; which targets are in dry run (their
 * deliveries are recorded and nothing is sent, so a newcomer knows why nothing arrives); and each
 * source anyone who knows its URL can post to.
 */
export function logListening(
  log: Logger,
  config: Config,
  serving: { port: number; store: string },
): void {
  log.info(
    { ...serving, routes: config.routes.length, sources: [...config.sources.keys()] },
    "botbridge is listening",
  );
  const dryRun = Object.entries(config.targets)
    .filter(([, target]) => target.dry_run)
    .map(([name]) => name);
  if (dryRun.length > 0)
    log.info(
      { dry_run: dryRun },
      `targets in dry run (deliveries are recorded, nothing is sent): ${dryRun.join(", ")}`,
    );
  for (const source of config.sources.values())
    if (source.verifiers.length === 0)
      log.warn(
        { source: source.name },
        "source accepts unverified requests: anyone who knows the URL can post; add verify (docs/sources.md)",
      );
}
