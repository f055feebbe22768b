import type { OperatorStore } from "../../store/operator-store.ts";
import type { DeliveryStatus, Store } from "../../store/store.ts";

/** What the store-wide gauges show, read at once. */
export interface StoreSnapshot {
  deliveries: Record<DeliveryStatus, number>;
  sizeBytes: number;
  targets: TargetGauges[];
}

export interface TargetGauges {
  name: string;
  paused: boolean;
  /** Since when its oldest pending or running delivery waits (null: none waits). */
  oldestWaitingAt: number | null;
  lastSuccessAt: number | null;
}

/** The store reads the gauges take; `targetStates` gives each target's backlog and last success. */
export type GaugeStore = Pick<Store, "stats" | "pausedTargets" | "sizeBytes"> &
  Partial<Pick<OperatorStore, "targetStates">>;

/**
 * One read of everything the store-wide gauges show: deliveries by status, the store's size,
 * and each target's pause, oldest waiting delivery and last success. `known` are the configured
 * targets, shown (not paused, nothing waiting) even before the store has seen them.
 */
export async function readStoreSnapshot(
  store: GaugeStore,
  now: number,
  known: readonly string[],
): Promise<StoreSnapshot> {
  const [stats, paused, sizeBytes, states] = await Promise.all([
    store.stats(),
    store.pausedTargets(now),
    store.sizeBytes(),
    store.targetStates?.(now, known) ?? Promise.resolve([]),
  ]);
  const targets = new Map<string, TargetGauges>();
  const entry = (name: string): TargetGauges => {
    let gauges = targets.get(name);
    if (!gauges) {
      gauges = { name, paused: false, oldestWaitingAt: null, lastSuccessAt: null };
      targets.set(name, gauges);
    }
    return gauges;
  };
  for (const name of known) entry(name);
  for (const name of paused.keys()) entry(name).paused = true;
  for (const state of states) {
    const gauges = entry(state.name);
    if (state.paused_until !== null && state.paused_until > now) gauges.paused = true;
    gauges.oldestWaitingAt = state.oldest_waiting_at;
    gauges.lastSuccessAt = state.last_success_at;
  }
  return { deliveries: stats.deliveries, sizeBytes, targets: [...targets.values()] };
}
