import type { Botbridge } from "../main.ts";

/**
 * The signals of a running `botbridge serve`: SIGHUP reloads routes.yaml; a first SIGTERM or
 * SIGINT (Ctrl-C) stops taking webhooks and says it waits for in-flight actions and for how long
 * (server.shutdown_timeout); a second one stops at once, cutting them short and handing their
 * deliveries back to run again. The process exits 0 once stopped, 1 if the shutdown failed.
 */
export function handleSignals(running: Botbridge): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      process.stderr.write(
        `botbridge: ${signal} again: stopping now; in-flight actions are cut short and their deliveries handed back to run again\n`,
      );
      running.hurry();
      return;
    }
    stopping = true;
    const seconds = running.config().settings.server.shutdown_timeout / 1000;
    process.stderr.write(
      `botbridge: ${signal}: shutting down; waiting up to ${seconds}s (server.shutdown_timeout) for in-flight actions to finish; ${signal === "SIGINT" ? "Ctrl-C" : signal} again stops at once\n`,
    );
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`botbridge: shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGHUP", () => void running.reload());
}
