import { isDeepStrictEqual } from "node:util";
import type { Config } from "./config.ts";

/**
 * Settings a running botbridge reads once, at start: the server it listens with, the store it
 * opened, the circuit breaker it built. Everything else in routes.yaml (sources, routes, targets,
 * the retry schedule, templates) applies at a reload, and so do the settings in LIVE.
 */
const READ_AT_START = ["server", "storage", "delivery.circuit_breaker"] as const;

/** Settings under READ_AT_START that are read anew (or, log_level, applied) at a reload. */
const LIVE = new Set([
  "server.log_level",
  "server.shutdown_timeout",
  "server.depth_limit",
  "storage.retention",
  "storage.redact",
]);

/** The dotted paths of the settings that changed between two loads and take a restart to apply. */
export function findRestartChanges(
  running: Config["settings"],
  next: Config["settings"],
): string[] {
  const changed: string[] = [];
  for (const section of READ_AT_START) {
    const before = pick(running, section);
    const after = pick(next, section);
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const path = `${section}.${key}`;
      if (!LIVE.has(path) && !isDeepStrictEqual(before[key], after[key])) changed.push(path);
    }
  }
  return changed;
}

function pick(settings: Config["settings"], path: string): Record<string, unknown> {
  let value: unknown = settings;
  for (const step of path.split(".")) value = (value as Record<string, unknown>)[step];
  return value as Record<string, unknown>;
}
