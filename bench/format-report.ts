import type { LoadResult } from "./run-load.ts";

/** A load run with the server's largest RSS during it. */
export type Measured = LoadResult & { maxRssMb: number };

export interface DrainFigures {
  deliveries: number;
  seconds: number;
  perSecond: number;
  cpuMsPerDelivery: number;
  succeeded: number;
}

export interface BenchFigures {
  connections: number;
  seconds: number;
  botbridge: Measured;
  bare: Measured;
  drain: DrainFigures;
  /** The ingest and drain phases on PostgreSQL, when a database was given. */
  postgres?: { ingest: Measured; drain: DrainFigures };
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
  const pg = f.postgres?.ingest;
  const row = (name: string, cell: (m: Measured) => string): string[] => [
    name,
    cell(f.botbridge),
    ...(pg ? [cell(pg)] : []),
    cell(f.bare),
  ];
  const rows: string[][] = [
    ["", "botbridge SQLite", ...(pg ? ["botbridge PostgreSQL"] : []), "bare node:http"],
    row("webhooks/s", (m) => num(m.perSecond)),
    row("p50 latency", (m) => ms(m.p50Ms)),
    row("p99 latency", (m) => ms(m.p99Ms)),
    row("max latency", (m) => ms(m.maxMs)),
    row("answered 2xx", (m) => num(m.requests)),
    row("errors", (m) => num(m.errors)),
    row("server max RSS", (m) => mb(m.maxRssMb)),
    row("server CPU/webhook", (m) => ms(m.cpuMsPerRequest, 2)),
  ];
  const ratio = f.botbridge.perSecond / f.bare.perSecond;
  const goals = checkGoals(f);
  return [
    `ingest: ${f.connections} connections, ${f.seconds} s measured, 1 KB JSON body, durable SQLite${pg ? " and PostgreSQL" : ""}`,
    table(rows),
    `ratio botbridge / bare: ${ratio.toFixed(2)} (rate), ` +
      `${(f.bare.cpuMsPerRequest / f.botbridge.cpuMsPerRequest).toFixed(2)} (inverse CPU per webhook)`,
    ...(pg
      ? [
          `ratio PostgreSQL / SQLite: ${(pg.perSecond / f.botbridge.perSecond).toFixed(2)} (rate), ` +
            `${(pg.p99Ms / f.botbridge.p99Ms).toFixed(2)} (p99), ` +
            `${(pg.cpuMsPerRequest / f.botbridge.cpuMsPerRequest).toFixed(2)} (CPU per webhook)`,
        ]
      : []),
    "",
    drainLine("drain", f.drain),
    ...(f.postgres
      ? [
          drainLine("drain on PostgreSQL", f.postgres.drain),
          `ratio PostgreSQL / SQLite: ${(f.postgres.drain.perSecond / f.drain.perSecond).toFixed(2)} (drain rate), ` +
            `${(f.postgres.drain.cpuMsPerDelivery / f.drain.cpuMsPerDelivery).toFixed(2)} (CPU per delivery)`,
        ]
      : []),
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

function drainLine(name: string, d: DrainFigures): string {
  return (
    `${name}: ${num(d.deliveries)} deliveries in ${d.seconds.toFixed(2)} s = ${num(d.perSecond)}/s, ` +
    `${ms(d.cpuMsPerDelivery, 2)} server CPU each (${num(d.succeeded)} succeeded)`
  );
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
