import { describe, expect, it } from "vitest";
import { createRateLimits } from "./rate-limits.ts";

/** When each of `count` requests taken at once is let through, in ms, rounded to 100 ms. */
async function releaseTimes(perSecond: number, count: number): Promise<number[]> {
  const limits = createRateLimits();
  const start = performance.now();
  return Promise.all(
    Array.from({ length: count }, async () => {
      await limits.take("target:api", perSecond);
      return Math.round((performance.now() - start) / 100) * 100;
    }),
  );
}

describe("createRateLimits", () => {
  it.each<[number, number, number[]]>([
    [5, 12, [0, 0, 0, 0, 0, 1000, 1000, 1000, 1000, 1000, 2000, 2000]],
    [2.5, 5, [0, 0, 800, 800, 1600]],
    [0.5, 2, [0, 2000]],
  ])("at %s per second lets %i requests taken at once through at %j", async (rate, n, times) => {
    expect(await releaseTimes(rate, n)).toEqual(times);
  });

  it("keeps keys apart", async () => {
    const limits = createRateLimits();
    const start = performance.now();
    await limits.take("a", 1);
    await limits.take("b", 1);
    expect(performance.now() - start).toBeLessThan(100);
  });

  it("stops waiting when the signal aborts", async () => {
    const limits = createRateLimits();
    await limits.take("a", 1);
    await expect(limits.take("a", 1, AbortSignal.timeout(20))).rejects.toMatchObject({
      name: "AbortError",
    });
  });
});
