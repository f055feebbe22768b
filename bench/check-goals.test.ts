import { describe, expect, it } from "vitest";
import { checkGoals } from "./check-goals.ts";
import type { BenchFigures, EndToEndFigures, Measured } from "./format-report.ts";

const measured = (perSecond: number, over: Partial<Measured> = {}): Measured => ({
  requests: perSecond * 10,
  errors: 0,
  perSecond,
  p50Ms: 5,
  p99Ms: 20,
  maxMs: 40,
  cpuMsPerRequest: 0.2,
  cpuMsAtStart: 0,
  acknowledged: perSecond * 12,
  maxRssMb: 150,
  ...over,
});
const endToEnd = (perSecond: number, over: Partial<EndToEndFigures> = {}): EndToEndFigures => ({
  load: measured(perSecond),
  acknowledged: perSecond * 12,
  delivered: perSecond * 12,
  duplicates: 0,
  lost: 0,
  catchUpSeconds: 0.1,
  perSecond,
  cpuMsPerWebhook: 0.3,
  ...over,
});
const figures = (over: Partial<BenchFigures> = {}): BenchFigures => ({
  connections: 32,
  seconds: 10,
  rounds: 3,
  bare: measured(24_000),
  express: measured(16_000),
  sqlite: { accept: measured(7_000), endToEnd: endToEnd(4_200) },
  postgres: { accept: measured(3_000), endToEnd: endToEnd(2_200) },
  lost: 0,
  drain: {
    sqlite: { deliveries: 10, seconds: 1, perSecond: 2_000, cpuMsPerDelivery: 0.3, succeeded: 10 },
  },
  memory: {
    stored: 1_000_000,
    storedBytes: 256,
    startRssMb: 130,
    maxRssMb: 190,
    load: measured(5_000),
  },
  ...over,
});

const missed = (f: BenchFigures) =>
  checkGoals(f)
    .filter((g) => !g.met)
    .map((g) => g.name);

describe("checkGoals", () => {
  it("passes figures that meet every goal", () => {
    expect(missed(figures())).toEqual([]);
  });

  it.each<[string, Partial<BenchFigures>, string]>([
    [
      "end to end under a quarter of Express",
      { sqlite: { accept: measured(7_000), endToEnd: endToEnd(3_000) } },
      "end to end (SQLite) / Express ack",
    ],
    [
      "CPU per webhook over 0.35 ms",
      { sqlite: { accept: measured(7_000), endToEnd: endToEnd(4_200, { cpuMsPerWebhook: 0.4 }) } },
      "end to end CPU per webhook",
    ],
    ["a lost event in any round", { lost: 1 }, "acknowledged, never delivered (every round)"],
    [
      "accepting under 0.4 of Express",
      { sqlite: { accept: measured(6_000), endToEnd: endToEnd(4_200) } },
      "accept (dry run) / Express ack",
    ],
    [
      "PostgreSQL under half of SQLite",
      { postgres: { accept: measured(3_000), endToEnd: endToEnd(2_000) } },
      "end to end PostgreSQL / SQLite",
    ],
  ])("misses %s", (_, over, goal) => {
    expect(missed(figures(over))).toEqual([goal]);
  });
});
