import type { ClaimedDelivery, DeliveryLease } from "./store.ts";

/**
 * This instance's dispatcher, as the ingest sees it: new deliveries it has room for are stored
 * already leased to it and run at once, without being claimed back from the store (an UPDATE,
 * a read of the event and of the route, per delivery). Deliveries it has no room for, or that
 * wait their turn (`order_by`) or for a paused target, are stored pending and claimed as before.
 */
export interface DeliveryHandoff {
  /**
   * Reserves room for deliveries to these first targets: the lease to store them under, or
   * undefined (no room, a target paused, shutting down).
   */
  reserve(targets: readonly (string | null)[], now: number): DeliveryLease | undefined;
  /** Runs deliveries stored under a reserved lease, once their event is committed. */
  run(deliveries: readonly ClaimedDelivery[]): void;
  /** Gives reserved room back: nothing was stored under it (a repeat, a failed write). */
  release(count: number): void;
}
