/** A clock tests move by hand: deliveries are scheduled by it, so a 10-minute retry takes no time. */
export interface TestClock {
  now(): number;
  advance(ms: number): void;
  set(at: number): void;
}

export function createTestClock(start = Date.parse("2025-01-01T00:00:00Z")): TestClock {
  let at = start;
  return {
    now: () => at,
    advance: (ms) => {
      at += ms;
    },
    set: (value) => {
      at = value;
    },
  };
}
