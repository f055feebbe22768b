import { describe, expect, it } from "vitest";
import { cacheLatest } from "./cache-latest.ts";

function counted(results: (() => Promise<number>)[]) {
  let reads = 0;
  const read = () => {
    const next = results[Math.min(reads, results.length - 1)] as () => Promise<number>;
    reads += 1;
    return next();
  };
  return { read, reads: () => reads };
}

describe("cacheLatest", () => {
  it.each<[string, number[], number, number]>([
    // name, clock moves before each ask, reads expected, value of the last ask
    ["one read for asks within the age", [0, 1000, 13_999], 1, 1],
    ["a new read once the age has passed", [0, 15_000], 2, 2],
    ["a new read per age period", [0, 15_000, 1, 15_000], 3, 3],
  ])("%s", async (_name, moves, reads, value) => {
    let at = 0;
    const source = counted([1, 2, 3].map((n) => () => Promise.resolve(n)));
    const get = cacheLatest(source.read, { now: () => at, maxAgeMs: 15_000 });
    let last = 0;
    for (const move of moves) {
      at += move;
      last = await get();
    }
    expect(source.reads()).toBe(reads);
    expect(last).toBe(value);
  });

  it("shares one read between concurrent callers", async () => {
    const source = counted([() => new Promise((resolve) => setTimeout(() => resolve(7), 10))]);
    const get = cacheLatest(source.read, { now: () => 0, maxAgeMs: 15_000 });
    expect(await Promise.all([get(), get(), get()])).toEqual([7, 7, 7]);
    expect(source.reads()).toBe(1);
  });

  it("keeps the last value when a read fails, and rejects when it has none", async () => {
    let at = 0;
    const source = counted([
      () => Promise.reject(new Error("down")),
      () => Promise.resolve(5),
      () => Promise.reject(new Error("down again")),
    ]);
    const get = cacheLatest(source.read, { now: () => at, maxAgeMs: 15_000 });
    await expect(get()).rejects.toThrow("down");
    await expect(get()).rejects.toThrow("down");
    expect(source.reads()).toBe(1);
    at += 15_000;
    expect(await get()).toBe(5);
    at += 15_000;
    expect(await get()).toBe(5);
    at += 1;
    expect(await get()).toBe(5);
    expect(source.reads()).toBe(3);
  });
});
