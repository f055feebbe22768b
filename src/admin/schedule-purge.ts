import type { Logger } from "pino";
import type { Store } from "../store/store.ts";

/**
 * Every hour, purges the events older than storage.retention (read anew each time, so a reload
 * applies) with their deliveries and attempts, and logs how many went. The timer does not keep
 * the process alive; clear it to stop.
 */
export function schedulePurge(
  store: Store,
  retention: () => number,
  now: () => number,
  log: Logger,
): NodeJS.Timeout {
  const purge = setInterval(() => {
    store.purge(now() - retention(), now()).then(
      (n) => n > 0 && log.info({ purged: n }, "purged events past storage.retention"),
      (error: unknown) => log.error({ err: error }, "purge failed"),
    );
  }, 3_600_000);
  purge.unref();
  return purge;
}
