import { Gauge, type Registry } from "prom-client";
import type { StoreSnapshot } from "./read-store-snapshot.ts";

/** The label every store-wide gauge carries: every instance on one store reports the same value. */
const STORE = { scope: "store" } as const;

/**
 * The gauges read from the store, registered in `registry`. Each scrape takes `snapshot()`,
 * which reads the store at most every 15 s (cacheLatest), never once per scrape. They describe
 * the whole store, so every instance on one PostgreSQL database reports the same values: they
 * carry `scope="store"`, and dashboards aggregate them with max(), never sum().
 */
export function registerStoreGauges(
  registry: Registry,
  snapshot: () => Promise<StoreSnapshot>,
  now: () => number,
): void {
  const gauge = (
    name: string,
    help: string,
    labelNames: readonly string[],
    fill: (g: Gauge, s: StoreSnapshot) => void,
  ) =>
    new Gauge({
      name,
      help: `${help} Store-wide (scope="store"): aggregate with max(), not sum().`,
      labelNames: [...labelNames, "scope"],
      registers: [registry],
      async collect() {
        const read = await snapshot().catch(() => undefined);
        this.reset();
        if (read) fill(this, read);
      },
    });

  gauge("botbridge_deliveries", "Deliveries in the store by status.", ["status"], (g, s) => {
    for (const [status, n] of Object.entries(s.deliveries)) g.set({ ...STORE, status }, n);
  });
  gauge(
    "botbridge_oldest_waiting_delivery_age_seconds",
    "Age of each target's oldest pending or running delivery (0 when none waits).",
    ["target"],
    (g, s) => {
      const at = now();
      for (const t of s.targets)
        g.set(
          { ...STORE, target: t.name },
          t.oldestWaitingAt === null ? 0 : Math.max(0, (at - t.oldestWaitingAt) / 1000),
        );
    },
  );
  gauge("botbridge_target_paused", "1 while a target is paused, else 0.", ["target"], (g, s) => {
    for (const t of s.targets) g.set({ ...STORE, target: t.name }, t.paused ? 1 : 0);
  });
  gauge(
    "botbridge_target_last_success_timestamp_seconds",
    "When an action last succeeded on each target (Unix seconds); absent when none has.",
    ["target"],
    (g, s) => {
      for (const t of s.targets)
        if (t.lastSuccessAt !== null) g.set({ ...STORE, target: t.name }, t.lastSuccessAt / 1000);
    },
  );
  gauge(
    "botbridge_store_size_bytes",
    "Space the store takes: SQLite's database file and WAL; PostgreSQL's tables and indexes of its schema.",
    [],
    (g, s) => g.set(STORE, s.sizeBytes),
  );
}
