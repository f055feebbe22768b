import { collectDefaultMetrics, Registry } from "prom-client";
import type { Telemetry } from "../../core/telemetry.ts";
import { cacheLatest } from "./cache-latest.ts";
import { countTelemetry } from "./count-telemetry.ts";
import { readStoreSnapshot, type GaugeStore } from "./read-store-snapshot.ts";
import { readVersion, registerBuildInfo } from "./register-build-info.ts";
import { registerStoreGauges } from "./register-store-gauges.ts";

export interface Metrics {
  /** This process's registry (never prom-client's global one): what GET /metrics shows. */
  registry: Registry;
  /** What ingest and dispatch report to. */
  telemetry: Telemetry;
}

export interface MetricsDeps {
  store: GaugeStore;
  now: () => number;
  /** The configured targets' names (read at each store read, so a reload shows). */
  targets: () => readonly string[];
  /** botbridge's version (default: package.json's). */
  version?: string;
  /** How long a store read serves the gauges; 15 s unless a test says otherwise. */
  storeReadEvery?: number;
}

/**
 * Every metric of one botbridge process in a registry of its own: Node's and the process's
 * standard metrics, build info, the counters of what happens (webhooks, deliveries, attempts,
 * operator actions, reloads, alerts) and the store-wide gauges, read at most every 15 s.
 */
export function createMetrics(deps: MetricsDeps): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  registerBuildInfo(registry, deps.version ?? readVersion());
  const telemetry = countTelemetry(registry);
  const snapshot = cacheLatest(() => readStoreSnapshot(deps.store, deps.now(), deps.targets()), {
    now: deps.now,
    maxAgeMs: deps.storeReadEvery ?? 15_000,
  });
  registerStoreGauges(registry, snapshot, deps.now);
  return { registry, telemetry };
}
