import { describe, expect, it } from "vitest";
import { createRateLimits, type Sleep } from "./rate-limits.ts";

/** A limiter on a clock moved by hand; its waits are recorded and return at once. */
function handClocked() {
  let now = 0;
  const waits: { ms: number; signal: AbortSignal | undefined }[] = [];
  const sleep: Sleep = (ms, signal) => {
    waits.push({ ms, signal });
    return Promise.resolve();
  };
  const limits = createRateLimits(() => now, sleep);
  return {
    limits,
    waits,
    advance: (ms: number) => {
      now += ms;
    },
    /** How long one more request under `key` waits (0 when it goes at once). */
    async take(key: string, perSecond: number, signal?: AbortSignal): Promise<number> {
      const before = waits.length;
      await limits.take(key, perSecond, signal);
      return waits.length > before ? (waits.at(-1)?.ms ?? 0) : 0;
    },
  };
}

/** `count` requests at one instant. */
const atOnce = (count: number): [number, number][] => Array.from({ length: count }, () => [0, 0]);

describe("createRateLimits", () => {
  it.each<[number, number, number[]]>([
    [5, 12, [0, 0, 0, 0, 0, 1000, 1000, 1000, 1000, 1000, 2000, 2000]],
    [2.5, 5, [0, 0, 800, 800, 1600]],
    [0.5, 2, [0, 2000]],
  ])("at %s per second makes %i requests taken at once wait %j ms", async (rate, n, waits) => {
    const c = handClocked();
    const got: number[] = [];
    for (const _ of atOnce(n)) got.push(await c.take("target:api", rate));
    expect(got).toEqual(waits);
  });

  it.each<[string, number, [advance: number, wait: number][]]>([
    [
      "one per second, the next asked for 400 ms later",
      1,
      [
        [0, 0],
        [400, 600],
      ],
    ],
    [
      "one per second, a call made on time goes at once",
      1,
      [
        [0, 0],
        [1000, 0],
        [1000, 0],
      ],
    ],
    [
      "a wait counts from the slot it was given, not from asking",
      1,
      [
        [0, 0],
        [0, 1000],
        [500, 1500],
      ],
    ],
    [
      "a burst again after a quiet second",
      3,
      [
        [0, 0],
        [0, 0],
        [0, 0],
        [1000, 0],
        [0, 0],
        [0, 0],
        [0, 1000],
      ],
    ],
    [
      "a window slides: only the oldest of the burst has to leave",
      2,
      [
        [0, 0],
        [600, 0],
        [0, 400],
        [400, 600],
      ],
    ],
  ])("%s", async (_name, rate, steps) => {
    const c = handClocked();
    const got: number[] = [];
    for (const [advance] of steps) {
      c.advance(advance);
      got.push(await c.take("k", rate));
    }
    expect(got).toEqual(steps.map(([, wait]) => wait));
  });

  it("keeps keys apart", async () => {
    const c = handClocked();
    expect([await c.take("a", 1), await c.take("b", 1), await c.take("a", 1)]).toEqual([
      0, 0, 1000,
    ]);
  });

  it("passes the caller's signal to its wait", async () => {
    const c = handClocked();
    const signal = new AbortController().signal;
    await c.take("a", 1, signal);
    await c.take("a", 1, signal);
    expect(c.waits).toEqual([{ ms: 1000, signal }]);
  });

  it("stops waiting when the signal aborts (the real wait)", async () => {
    const limits = createRateLimits(() => 0);
    await limits.take("a", 1);
    await expect(limits.take("a", 1, AbortSignal.abort())).rejects.toMatchObject({
      name: "AbortError",
    });
  });
});
