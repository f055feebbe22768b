import type { Logger } from "pino";
import type { DeliveryHandoff } from "../store/delivery-handoff.ts";
import type { ClaimedDelivery, Store } from "../store/store.ts";
import type { DeliveryDeps } from "./run-delivery.ts";
import { runDelivery } from "./run-delivery.ts";

export interface Dispatcher extends DeliveryHandoff {
  /** Starts the worker loop. */
  start(): void;
  /** Looks for due deliveries now (called after an ingest commits). */
  wake(): void;
  /** Re-reads the pauses in the store, then looks for due deliveries (another instance changed something). */
  changed(): void;
  /** Stops claiming, lets in-flight actions finish for up to `timeoutMs`, then cuts them short and hands their leases back. */
  stop(timeoutMs: number): Promise<void>;
  /** Stops waiting for in-flight actions (during or before stop): they are cut short at once. */
  hurry(): void;
  /** Deliveries being carried out right now. */
  readonly inFlight: number;
  /** Resolves once a fresh look finds nothing due and nothing is in flight. */
  idle(): Promise<void>;
}

export interface DispatcherDeps {
  store: Store;
  owner: string;
  log: Logger;
  /** Read anew for each claim, so a reloaded config applies to the next deliveries. */
  deliveryDeps: () => DeliveryDeps;
}

/**
 * The worker loop: claim due deliveries up to `delivery.concurrency`, run each (all its remaining
 * actions), and sleep until woken by an ingest, a finished delivery, or the poll interval. Pauses
 * other instances recorded in the store reach this process's circuit breaker at every poll.
 */
export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const { store, owner, log } = deps;
  const running = new Set<Promise<void>>();
  /** Room promised to deliveries an ingest is storing under this instance's lease. */
  let reserved = 0;
  const abort = new AbortController();
  let stopping = false;
  let hurried = false;
  let cutShort: () => void = () => undefined;
  let loopDone: Promise<void> = Promise.resolve();
  let wakeUp: () => void = () => undefined;
  let woken = false;
  const idleWaiters: (() => void)[] = [];

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken) {
        woken = false;
        resolve();
        return;
      }
      const timer = setTimeout(finish, ms);
      function finish() {
        clearTimeout(timer);
        wakeUp = () => undefined;
        resolve();
      }
      wakeUp = finish;
    });

  const wokenSince = () => woken;
  const wake = () => {
    woken = true;
    wakeUp();
  };

  const launch = (delivery: ClaimedDelivery, current: DeliveryDeps) => {
    const task: Promise<void> = runDelivery(delivery, current, abort.signal)
      .catch((error: unknown) => {
        log.error(
          { err: error, event_id: delivery.event.id, delivery_id: delivery.id },
          "delivery crashed; its lease will expire and it will be retried",
        );
      })
      .finally(() => {
        running.delete(task);
        wake();
      });
    running.add(task);
  };

  let lastPauseSync = 0;
  const loop = async () => {
    let failures = 0;
    while (!stopping) {
      const current = deps.deliveryDeps();
      const { concurrency, lease, poll_interval: pollInterval } = current.delivery;
      woken = false;
      try {
        const now = current.now();
        // While a target is paused, before every claim: a pause ended elsewhere (a resume on
        // another instance) must not hold a delivery the store already lets go.
        if (now - lastPauseSync >= pollInterval || current.breaker.anyPaused(now)) {
          const version = current.breaker.version();
          current.breaker.sync(await store.pausedTargets(now), now, version);
          lastPauseSync = now;
        }
        const free = concurrency - running.size - reserved;
        if (free > 0) {
          const claimed = await store.claim({
            owner,
            now: current.now(),
            limit: free,
            lease_ms: lease,
          });
          for (const delivery of claimed) launch(delivery, current);
          failures = 0;
          if (claimed.length === free) continue;
          // `woken` may have been set by wake() while the claim was awaited.
          if (claimed.length === 0 && running.size === 0 && !wokenSince())
            for (const resolve of idleWaiters.splice(0)) resolve();
        }
      } catch (error) {
        failures += 1;
        log.error(
          { err: error, code: "store_unavailable" },
          "cannot claim deliveries; backing off",
        );
        await sleep(Math.min(30_000, pollInterval * 2 ** Math.min(failures, 5)));
        continue;
      }
      await sleep(pollInterval);
    }
  };

  return {
    start() {
      loopDone = loop();
    },
    wake,
    reserve(targets, now) {
      if (stopping) return undefined;
      const current = deps.deliveryDeps();
      const { concurrency, lease } = current.delivery;
      if (concurrency - running.size - reserved < targets.length) return undefined;
      if (targets.some((t) => t !== null && current.breaker.pausedFor(t, now) > 0))
        return undefined;
      reserved += targets.length;
      return { owner, until: now + lease };
    },
    run(deliveries) {
      reserved -= deliveries.length;
      const current = deps.deliveryDeps();
      // stopping already: the lease runs out and another look (or instance) claims them
      if (!stopping) for (const delivery of deliveries) launch(delivery, current);
    },
    release(count) {
      reserved -= count;
      wake();
    },
    changed() {
      lastPauseSync = 0;
      wake();
    },
    get inFlight() {
      return running.size;
    },
    idle() {
      const settled = new Promise<void>((resolve) => idleWaiters.push(resolve));
      wake();
      return settled;
    },
    hurry() {
      hurried = true;
      cutShort();
    },
    async stop(timeoutMs) {
      stopping = true;
      log.info(
        { in_flight: running.size, shutdown_timeout_ms: timeoutMs },
        `stopping: no new deliveries; waiting up to ${timeoutMs / 1000}s for ${running.size} in-flight deliveries`,
      );
      wake();
      await loopDone;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, hurried ? 0 : timeoutMs);
        cutShort = resolve;
      });
      await Promise.race([Promise.allSettled(running), timeout]);
      clearTimeout(timer);
      abort.abort();
      await Promise.allSettled(running);
      // a store that cannot write must not stop the shutdown (and the store's own close)
      await store.release(owner, Date.now()).catch((error: unknown) => {
        log.error(
          { err: error, code: "store_unavailable" },
          "cannot hand the leases back at shutdown; they expire by themselves",
        );
      });
    },
  };
}
