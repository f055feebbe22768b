export interface CircuitBreaker {
  /** May a call to this target go now? False while it is paused, or while its one probe is out. */
  allow(target: string, now: number): boolean;
  /** Ms until the target may be tried again (0 when it may be now). */
  pausedFor(target: string, now: number): number;
  /** The target answered; true when this closes an open circuit. */
  succeeded(target: string): boolean;
  /** Counts a retryable failure; returns the pause end when this trips the breaker. */
  failed(target: string, now: number): number | undefined;
  /** Ends a probe that neither proved nor disproved the target (nothing was sent). */
  settled(target: string): void;
  /** Pauses a target (a 429's Retry-After, or a pause another instance recorded). */
  pause(target: string, until: number): void;
  /** Forgets a target's failures and pause (an operator resumed it). */
  reset(target: string): void;
  /** Whether any target is paused at `now`. */
  anyPaused(now: number): boolean;
  /** Changes at every reset: a read of the store's pauses begun before it is stale. */
  version(): number;
  /**
   * Takes the pauses recorded in the store, read when the breaker was at `version`: each is
   * applied, and a pause of this breaker the store had and no longer has (another instance
   * resumed the target) ends now. A pause set here that no read has found in the store yet is
   * kept: its write may still be on its way. A read older than the last reset is ignored.
   */
  sync(paused: ReadonlyMap<string, number>, now: number, version: number): void;
}

interface State {
  failures: number;
  pausedUntil: number;
  /** After a pause the next call is a probe; others wait until it answers. */
  probing: boolean;
  tripped: boolean;
  /**
   * The store has been seen to hold this target's pause. A pause set here is not, until a read
   * finds it: its write may still be on its way, and a read that misses it must not end it.
   */
  stored: boolean;
}

/**
 * Per-target circuit breaker: after `failures` retryable failures in a row the target pauses for
 * `coolDown`; then one probe goes through, and its result closes the breaker or pauses again.
 */
export function createCircuitBreaker(options: {
  failures: number;
  coolDown: number;
}): CircuitBreaker {
  const states = new Map<string, State>();
  let resets = 0;
  const state = (target: string): State => {
    let s = states.get(target);
    if (!s) {
      s = { failures: 0, pausedUntil: 0, probing: false, tripped: false, stored: false };
      states.set(target, s);
    }
    return s;
  };
  return {
    allow(target, now) {
      const s = state(target);
      if (s.pausedUntil > now) return false;
      if (!s.tripped) return true;
      if (s.probing) return false;
      s.probing = true;
      return true;
    },
    pausedFor(target, now) {
      const s = state(target);
      return Math.max(0, s.pausedUntil - now);
    },
    succeeded(target) {
      const s = state(target);
      const closed = s.tripped;
      s.failures = 0;
      s.tripped = false;
      s.probing = false;
      return closed;
    },
    failed(target, now) {
      const s = state(target);
      s.failures += 1;
      s.probing = false;
      if (s.tripped || s.failures >= options.failures) {
        s.tripped = true;
        s.pausedUntil = Math.max(s.pausedUntil, now + options.coolDown);
        s.stored = false;
        return s.pausedUntil;
      }
      return undefined;
    },
    settled(target) {
      state(target).probing = false;
    },
    pause(target, until) {
      const s = state(target);
      s.pausedUntil = Math.max(s.pausedUntil, until);
      s.stored = false;
    },
    reset(target) {
      states.delete(target);
      resets += 1;
    },
    version: () => resets,
    anyPaused(now) {
      for (const s of states.values()) if (s.pausedUntil > now) return true;
      return false;
    },
    sync(paused, now, version) {
      if (version !== resets) return;
      for (const [target, s] of states)
        if (s.pausedUntil > now && s.stored && !paused.has(target)) states.delete(target);
      for (const [target, until] of paused) {
        const s = state(target);
        s.pausedUntil = Math.max(s.pausedUntil, until);
        s.stored = true;
      }
    },
  };
}
