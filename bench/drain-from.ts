import { setTimeout as sleep } from "node:timers/promises";
import type { Store } from "../src/store/store.ts";
import { createFakeTarget } from "../test/fakes/fake-target.ts";
import type { DrainFigures } from "./format-report.ts";
import type { ServerProcess } from "./spawn-server.ts";

export interface DrainOptions {
  /** Starts botbridge on the seeded database with these extra environment variables. */
  start(env: NodeJS.ProcessEnv): Promise<ServerProcess>;
  /** Opens the same database afterwards, to count the succeeded deliveries. */
  openStore(): Store;
  /** Due deliveries seeded. */
  count: number;
}

/** Starts botbridge on a database seeded with due deliveries and times it delivering them all. */
export async function drainFrom(options: DrainOptions): Promise<DrainFigures> {
  const target = createFakeTarget({ record: false });
  const { url } = await target.start();
  const bridge = await options.start({ TARGET_URL: url, TARGET_DRY_RUN: "false" });
  const cpuAtStart = bridge.cpuMs();
  const started = performance.now();
  const deadline = started + 120_000;
  while (target.count < options.count && performance.now() < deadline) await sleep(10);
  const elapsed = (performance.now() - started) / 1000;
  const cpuMsPerDelivery = (bridge.cpuMs() - cpuAtStart) / target.count;
  await bridge.stop();
  await target.close();
  const store = options.openStore();
  const { deliveries } = await store.stats();
  await store.close();
  return {
    deliveries: options.count,
    seconds: elapsed,
    perSecond: target.count / elapsed,
    cpuMsPerDelivery,
    succeeded: deliveries.succeeded,
  };
}
