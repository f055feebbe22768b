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

/** The store reads the gauges take. */
export type GaugeStore = Pick<Store, "stats" | "targetStates" | "sizeBytes">;

/**
 * One read of everything the store-wide gauges show: deliveries by status, the store's size,
 * and each target's pause (429, circuit breaker, by hand, refused credentials), oldest waiting
 * delivery and last success. `known` are the configured targets, shown even before the store
 * has seen them.
 */
export async function readStoreSnapshot(
  store: GaugeStore,
  now: number,
  known: readonly string[],
): Promise<StoreSnapshot> {
  const [stats, sizeBytes, states] = await Promise.all([
    store.stats(),
    store.sizeBytes(),
    store.targetStates(now, known),
  ]);
  return {
    deliveries: stats.deliveries,
    sizeBytes,
    targets: states.map((state) => ({
      name: state.name,
      paused: state.paused_until !== null && state.paused_until > now,
      oldestWaitingAt: state.oldest_waiting_at,
      lastSuccessAt: state.last_success_at,
    })),
  };
}
