import { setTimeout as sleep } from "node:timers/promises";
import { createFakeTarget } from "../test/fakes/fake-target.ts";
import type { EndToEndFigures, Measured } from "./format-report.ts";
import type { LoadOptions } from "./run-load.ts";
import type { ServerProcess } from "./spawn-server.ts";

export interface EndToEndOptions {
  /** Starts botbridge with these extra environment variables. */
  start(env: NodeJS.ProcessEnv): Promise<ServerProcess>;
  /** Runs the bench load against the server. */
  load(server: ServerProcess, extra: Partial<LoadOptions>): Promise<Measured>;
  /** How long to wait for the last deliveries after the load ends. */
  catchUpLimitMs?: number;
}

/**
 * Webhooks in, deliveries out: botbridge forwards every webhook to a zero-latency target (the
 * fake of the tests) while the load runs. The load keeps the id of every event it had
 * acknowledged (from the 2xx answer), the target the id each delivery carries; once the load
 * ends, the bench waits for the target to have them all. An acknowledged event that never
 * arrives is lost. The rate counts the measured acknowledgements over the measured time plus
 * that catch-up, so a server that answers fast and delivers late is not rewarded, and the CPU
 * time runs from the measured part's start to the last delivery.
 */
export async function measureEndToEnd(options: EndToEndOptions): Promise<EndToEndFigures> {
  const delivered = new Set<string>();
  const acknowledged = new Set<string>();
  const waiting = new Set<string>(); // acknowledged, not yet delivered
  const target = createFakeTarget({
    record: false,
    respond: (call) => {
      const id = (call.body as { event?: unknown } | undefined)?.event;
      if (typeof id === "string") delivered.add(id);
      if (typeof id === "string") waiting.delete(id);
      return { status: 200, body: { ok: true } };
    },
  });
  const { url } = await target.start();
  const bridge = await options.start({ TARGET_URL: url, TARGET_DRY_RUN: "false" });
  try {
    const load = await options.load(bridge, {
      onAcknowledged: (text) => {
        const id = (JSON.parse(text) as { event_id?: unknown }).event_id;
        if (typeof id !== "string") return;
        acknowledged.add(id);
        if (!delivered.has(id)) waiting.add(id);
      },
    });
    const loadEnded = performance.now();
    const deadline = loadEnded + (options.catchUpLimitMs ?? 60_000);
    while (waiting.size > 0 && performance.now() < deadline) await sleep(5);
    const catchUpSeconds = (performance.now() - loadEnded) / 1000;
    const cpuMs = bridge.cpuMs() - load.cpuMsAtStart;
    const measuredSeconds = load.requests / load.perSecond;
    return {
      load,
      acknowledged: acknowledged.size,
      delivered: delivered.size,
      duplicates: target.count - delivered.size,
      lost: waiting.size,
      catchUpSeconds,
      perSecond: load.requests / (measuredSeconds + catchUpSeconds),
      cpuMsPerWebhook: cpuMs / load.requests,
    };
  } finally {
    await bridge.stop();
    await target.close();
  }
}
