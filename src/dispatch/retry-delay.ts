/** The wait before retry number `attempts` (1-based); the schedule's last wait repeats. */
export function retryDelay(schedule: readonly number[], attempts: number): number {
  return schedule[Math.min(Math.max(attempts, 1), schedule.length) - 1] ?? 60_000;
}

/**
 * The wait before the next look for something not there yet, `elapsed` after the first look:
 * the retry schedule again, without counting attempts (its n-th wait once the first n-1 passed).
 */
export function waitDelay(schedule: readonly number[], elapsed: number): number {
  let passed = 0;
  for (const wait of schedule) {
    if (passed + wait > elapsed) return passed + wait - elapsed;
    passed += wait;
  }
  return schedule[schedule.length - 1] ?? 60_000;
}
