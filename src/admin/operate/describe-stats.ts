import type { StatsView } from "../api/response-schemas.ts";
import type { OperateDeps } from "./operate-deps.ts";
import { iso, isoOrNull } from "./to-views.ts";

/** Counts by status and route over the last `windowMs`, rates per minute, the oldest waiting delivery. */
export async function describeStats(windowMs: number, deps: OperateDeps): Promise<StatsView> {
  const now = deps.now();
  const stats = await deps.store.windowStats(now - windowMs, now);
  const minutes = Math.max(windowMs / 60_000, 1 / 60);
  const deliveries = Object.values(stats.deliveries_by_status).reduce((a, b) => a + b, 0);
  const rate = (n: number) => Math.round((n / minutes) * 100) / 100;
  return {
    since: iso(stats.since),
    now: iso(stats.now),
    events: stats.events,
    events_per_minute: rate(stats.events),
    deliveries_per_minute: rate(deliveries),
    deliveries_by_status: stats.deliveries_by_status,
    by_route: stats.by_route,
    waiting: stats.waiting,
    oldest_waiting_at: isoOrNull(stats.oldest_waiting_at),
  };
}
