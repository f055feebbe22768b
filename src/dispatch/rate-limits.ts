import { setTimeout as sleep } from "node:timers/promises";

export interface RateLimits {
  /** Waits until one more request under `key` keeps it within `perSecond` (bursts of up to one second's worth). */
  take(key: string, perSecond: number, signal?: AbortSignal): Promise<void>;
}

/**
 * Client-side rate limits shared by every delivery in the process, one per key (a target, or a
 * target's operation). A generic cell rate algorithm: requests are spaced 1/perSecond apart, and
 * an idle limiter lets a burst of perSecond requests through at once.
 */
export function createRateLimits(clock: () => number = Date.now): RateLimits {
  const theoretical = new Map<string, number>();
  return {
    take(key, perSecond, signal) {
      const interval = 1000 / perSecond;
      const burst = Math.max(1, Math.floor(perSecond));
      const now = clock();
      const tat = Math.max(theoretical.get(key) ?? now, now);
      const delay = Math.max(0, tat - now - (burst - 1) * interval);
      theoretical.set(key, tat + interval);
      return delay > 0 ? sleep(delay, undefined, signal ? { signal } : {}) : Promise.resolve();
    },
  };
}
