import { checkGoals } from "./check-goals.ts";
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

export interface EndToEndFigures {
  load: Measured;
  acknowledged: number;
  delivered: number;
  duplicates: number;
  /** Acknowledged events the target never received. */
  lost: number;
  /** From the load's end to the last delivery. */
  catchUpSeconds: number;
  /** Measured acknowledgements over the measured time plus the catch-up. */
  perSecond: number;
  cpuMsPerWebhook: number;
}

/** One store: accepting with the target in dry run, and end to end. */
export interface StoreFigures {
  accept: Measured;
  endToEnd: EndToEndFigures;
}

export interface BenchFigures {
  connections: number;
  seconds: number;
  rounds: number;
  bare: Measured;
  express: Measured;
  sqlite: StoreFigures;
  postgres?: StoreFigures;
  /** Acknowledged and never delivered, summed over every round and store. */
  lost: number;
  drain: { sqlite: DrainFigures; postgres?: DrainFigures };
  memory: {
    stored: number;
    storedBytes: number;
    startRssMb: number;
    maxRssMb: number;
    load: Measured;
  };
}

type Column = [string, Measured, EndToEndFigures?];

/** The printed report: medians side by side, ratios, then one PASS/MISS line per goal. */
export function formatReport(f: BenchFigures): string {
  const columns: Column[] = [
    ["bare node:http", f.bare],
    ["Express 5 ack", f.express],
    ["SQLite accept", f.sqlite.accept],
    ["SQLite e2e", f.sqlite.endToEnd.load, f.sqlite.endToEnd],
    ...(f.postgres
      ? ([
          ["PostgreSQL accept", f.postgres.accept],
          ["PostgreSQL e2e", f.postgres.endToEnd.load, f.postgres.endToEnd],
        ] as Column[])
      : []),
  ];
  const row = (name: string, cell: (m: Measured, e?: EndToEndFigures) => string) => [
    name,
    ...columns.map(([, m, e]) => cell(m, e)),
  ];
  const rel = (n: number) => (n / f.express.perSecond).toFixed(2);
  const goals = checkGoals(f);
  return [
    `${f.connections} connections, ${f.seconds} s measured per phase, 1 KB JSON body; ` +
      `medians of ${f.rounds} round${f.rounds === 1 ? "" : "s"}`,
    table([
      ["", ...columns.map(([name]) => name)],
      row("acknowledged/s", (m) => num(m.perSecond)),
      row("delivered end to end/s", (_, e) => (e ? num(e.perSecond) : "–")),
      row("rate / Express ack", (m, e) => rel(e ? e.perSecond : m.perSecond)),
      row("p50 / p99 ack latency", (m) => `${ms(m.p50Ms)} / ${ms(m.p99Ms)}`),
      row("server CPU/webhook", (m, e) => ms(e ? e.cpuMsPerWebhook : m.cpuMsPerRequest, 3)),
      row("server max RSS", (m) => `${m.maxRssMb.toFixed(0)} MB`),
      row("errors", (m) => num(m.errors)),
      row("catch-up after load", (_, e) => (e ? `${e.catchUpSeconds.toFixed(2)} s` : "–")),
      row("lost / duplicates", (_, e) => (e ? `${num(e.lost)} / ${num(e.duplicates)}` : "–")),
    ]),
    ...(f.postgres
      ? [
          `PostgreSQL / SQLite: ${(f.postgres.accept.perSecond / f.sqlite.accept.perSecond).toFixed(2)} (accept), ` +
            `${(f.postgres.endToEnd.perSecond / f.sqlite.endToEnd.perSecond).toFixed(2)} (end to end)`,
        ]
      : []),
    "",
    drainLine("drain SQLite", f.drain.sqlite),
    ...(f.drain.postgres ? [drainLine("drain PostgreSQL", f.drain.postgres)] : []),
    `memory: ${num(f.memory.stored)} events of ${num(f.memory.storedBytes)} bytes stored; RSS ${f.memory.startRssMb.toFixed(0)} MB at start, ` +
      `max ${f.memory.maxRssMb.toFixed(0)} MB under the accept load (${num(f.memory.load.perSecond)} webhooks/s, p99 ${ms(f.memory.load.p99Ms)})`,
    "",
    table([
      ["goal", "measured", "target", "result"],
      ...goals.map((g) => [g.name, g.measured, g.goal, g.met ? "PASS" : "MISS"]),
    ]),
  ].join("\n");
}

function drainLine(name: string, d: DrainFigures): string {
  return (
    `${name}: ${num(d.deliveries)} deliveries in ${d.seconds.toFixed(2)} s = ${num(d.perSecond)}/s, ` +
    `${ms(d.cpuMsPerDelivery, 3)} server CPU each (${num(d.succeeded)} succeeded)`
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

const num = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (n: number, digits = 1) => `${n.toFixed(digits)} ms`;
