import type { BenchFigures } from "./format-report.ts";

export interface Goal {
  name: string;
  measured: string;
  goal: string;
  met: boolean;
}

/** The performance issue's goals, checked against one run's medians. */
export function checkGoals(f: BenchFigures): Goal[] {
  const e2e = f.sqlite.endToEnd;
  const e2eRatio = e2e.perSecond / f.express.perSecond;
  const acceptRatio = f.sqlite.accept.perSecond / f.express.perSecond;
  const loadRss = Math.max(f.sqlite.accept.maxRssMb, e2e.load.maxRssMb);
  const goals: Goal[] = [
    goal("end to end (SQLite) / Express ack", e2eRatio.toFixed(2), ">= 0.25", e2eRatio >= 0.25),
    goal(
      "end to end CPU per webhook",
      ms(e2e.cpuMsPerWebhook, 2),
      "<= 0.35 ms",
      e2e.cpuMsPerWebhook <= 0.35,
    ),
    goal("end to end p99 (acknowledgement)", ms(e2e.load.p99Ms, 1), "< 30 ms", e2e.load.p99Ms < 30),
    goal("acknowledged, never delivered (every round)", String(f.lost), "0", f.lost === 0),
    goal("accept (dry run) / Express ack", acceptRatio.toFixed(2), ">= 0.40", acceptRatio >= 0.4),
    goal("max RSS under load", `${loadRss.toFixed(0)} MB`, "<= 200 MB", loadRss <= 200),
    goal(
      `max RSS under load, ${f.memory.stored.toLocaleString("en-US")} events stored`,
      `${f.memory.maxRssMb.toFixed(0)} MB`,
      "<= 200 MB",
      f.memory.maxRssMb <= 200,
    ),
    goal(
      "drain to a zero-latency target",
      `${Math.round(f.drain.sqlite.perSecond).toLocaleString("en-US")}/s`,
      ">= 1,000/s",
      f.drain.sqlite.perSecond >= 1000 && f.drain.sqlite.succeeded === f.drain.sqlite.deliveries,
    ),
  ];
  if (f.postgres) {
    const ratio = f.postgres.endToEnd.perSecond / e2e.perSecond;
    goals.push(goal("end to end PostgreSQL / SQLite", ratio.toFixed(2), ">= 0.50", ratio >= 0.5));
  }
  return goals;
}

const goal = (name: string, measured: string, target: string, met: boolean): Goal => ({
  name,
  measured,
  goal: target,
  met,
});

const ms = (n: number, digits: number) => `${n.toFixed(digits)} ms`;
