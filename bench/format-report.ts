import type { LoadResult } from "./run-load.ts";

/** A load run with the server's largest RSS during it. */
export type Measured = LoadResult & { maxRssMb: number };

export interface BenchFigures {
  connections: number;
  seconds: number;
  botbridge: Measured;
  bare: Measured;
  drain: {
    deliveries: number;
    seconds: number;
    perSecond: number;
    cpuMsPerDelivery: number;
    succeeded: number;
  };
  memory: {
    stored: number;
    storedBytes: number;
    startRssMb: number;
    maxRssMb: number;
    load: Measured;
  };
}

export interface Goal {
  name: string;
  measured: string;
  goal: string;
  met: boolean;
}

/** The goals, checked against one run's figures. */
export function checkGoals(f: BenchFigures): Goal[] {
  const ratio = f.botbridge.perSecond / f.bare.perSecond;
  return [
    {
      name: "ingest rate / bare node:http",
      measured: ratio.toFixed(2),
      goal: ">= 0.40",
      met: ratio >= 0.4,
    },
    {
      name: "ingest p99 latency",
      measured: `${f.botbridge.p99Ms.toFixed(1)} ms`,
      goal: "< 30 ms",
      met: f.botbridge.p99Ms < 30,
    },
    {
      name: "drain to a zero-latency target",
      measured: `${num(f.drain.perSecond)}/s`,
      goal: ">= 1,000/s",
      met: f.drain.perSecond >= 1000 && f.drain.succeeded === f.drain.deliveries,
    },
    {
      name: `max RSS, ${num(f.memory.stored)} events stored`,
      measured: `${f.memory.maxRssMb.toFixed(0)} MB`,
      goal: "< 200 MB",
      met: f.memory.maxRssMb < 200,
    },
  ];
}

/** The printed report: the load figures side by side, then one PASS/MISS line per goal. */
export function formatReport(f: BenchFigures): string {
  const rows: [string, string, string][] = [
    ["", "botbridge", "bare node:http"],
    ["webhooks/s", num(f.botbridge.perSecond), num(f.bare.perSecond)],
    ["p50 latency", ms(f.botbridge.p50Ms), ms(f.bare.p50Ms)],
    ["p99 latency", ms(f.botbridge.p99Ms), ms(f.bare.p99Ms)],
    ["max latency", ms(f.botbridge.maxMs), ms(f.bare.maxMs)],
    ["answered 2xx", num(f.botbridge.requests), num(f.bare.requests)],
    ["errors", num(f.botbridge.errors), num(f.bare.errors)],
    ["server max RSS", mb(f.botbridge.maxRssMb), mb(f.bare.maxRssMb)],
    ["server CPU/webhook", ms(f.botbridge.cpuMsPerRequest, 2), ms(f.bare.cpuMsPerRequest, 2)],
  ];
  const ratio = f.botbridge.perSecond / f.bare.perSecond;
  const goals = checkGoals(f);
  return [
    `ingest: ${f.connections} connections, ${f.seconds} s measured, 1 KB JSON body, durable SQLite`,
    table(rows),
    `ratio botbridge / bare: ${ratio.toFixed(2)} (rate), ` +
      `${(f.bare.cpuMsPerRequest / f.botbridge.cpuMsPerRequest).toFixed(2)} (inverse CPU per webhook)`,
    "",
    `drain: ${num(f.drain.deliveries)} deliveries in ${f.drain.seconds.toFixed(2)} s = ${num(f.drain.perSecond)}/s, ` +
      `${ms(f.drain.cpuMsPerDelivery, 2)} server CPU each (${num(f.drain.succeeded)} succeeded)`,
    `memory: ${num(f.memory.stored)} events of ${num(f.memory.storedBytes)} bytes stored; RSS ${f.memory.startRssMb.toFixed(0)} MB at start, ` +
      `max ${f.memory.maxRssMb.toFixed(0)} MB under load (empty database: ${mb(f.botbridge.maxRssMb)}; ${num(f.memory.load.perSecond)} webhooks/s, p99 ${ms(f.memory.load.p99Ms)})`,
    "",
    table([
      ["goal", "measured", "target", "result"],
      ...goals.map((g): [string, string, string, string] => [
        g.name,
        g.measured,
        g.goal,
        g.met ? "PASS" : "MISS",
      ]),
    ]),
  ].join("\n");
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  return [
    line(rows[0]!),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.slice(1).map(line),
  ].join("\n");
}

function num(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

function ms(n: number, digits = 1): string {
  return `${n.toFixed(digits)} ms`;
}

function mb(n: number): string {
  return `${n.toFixed(0)} MB`;
}
