import { setTimeout } from "node:timers/promises";

export interface RateLimits {
  /** Waits until one more request under `key` keeps it within `perSecond` (bursts of up to one second's worth). */
  take(key: string, perSecond: number, signal?: AbortSignal): Promise<void>;
}

/** Resolves after `ms`; rejects with an AbortError when `signal` aborts first. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * Client-side rate limits shared by every delivery in the process, one per key (a target, or a
 * target's operation). A sliding window: a burst of up to perSecond requests goes at once, and
 * no window of one second (burst / perSecond seconds for a fractional rate) ever holds more than
 * that burst. Each key keeps the send times of its last `burst` requests. The clock and the wait
 * are injected for tests.
 */
export function createRateLimits(
  clock: () => number = Date.now,
  sleep: Sleep = (ms, signal) => setTimeout(ms, undefined, signal ? { signal } : {}),
): RateLimits {
  const sent = new Map<string, number[]>();
  return {
    take(key, perSecond, signal) {
      const burst = Math.max(1, Math.floor(perSecond));
      const window = (burst * 1000) / perSecond;
      const now = clock();
      const times = sent.get(key) ?? [];
      const oldest = times.length >= burst ? times[times.length - burst] : undefined;
      const at = oldest === undefined ? now : Math.max(now, oldest + window);
      times.push(at);
      if (times.length > burst) times.splice(0, times.length - burst);
      sent.set(key, times);
      const delay = at - now;
      return delay > 0 ? sleep(delay, signal) : Promise.resolve();
    },
  };
}
