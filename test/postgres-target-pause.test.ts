import { afterAll, describe, expect, it } from "vitest";
import { createFakeTarget } from "./fakes/fake-target.ts";
import { useTestSchemas } from "./postgres-schemas.ts";
import { startSinkBridge, type SinkBridge } from "./start-sink-bridge.ts";
import { createTestClock } from "./test-clock.ts";

/**
 * A target pause is the database's, not one process's: a 429 answered to one instance holds
 * that target for another instance on the same PostgreSQL schema (here one that starts after
 * the first has stopped, so nothing in its memory knows of the 429), and ends for both with
 * the Retry-After.
 */
const schemas = useTestSchemas();
const target = createFakeTarget();
const bridges: SinkBridge[] = [];

afterAll(async () => {
  for (const bridge of bridges) await bridge.stop().catch(() => undefined);
  await target.close();
});

describe.skipIf(!schemas)("target pauses across instances", () => {
  it("holds a target that answered 429 to one instance for the other, until Retry-After", async () => {
    const options = {
      delivery: "poll_interval: 20ms, retry: [1s]",
      sink: target,
      env: { BOTBRIDGE_DATABASE_URL: await schemas!.create() },
      clock: createTestClock(),
    };
    const post = async (bridge: SinkBridge, n: number) => (await bridge.send({ n })).status;

    target.failNext({ status: 429, headers: { "retry-after": "60" } });
    const first = await startSinkBridge(options);
    bridges.push(first);
    expect(await post(first, 1)).toBe(200);
    await first.until(() => target.count === 1);
    await first.settle();
    await first.stop();

    const second = await startSinkBridge(options);
    bridges.push(second);
    expect(await post(second, 2)).toBe(200);
    await second.settle();
    second.advance(59_000);
    await second.settle();
    expect(target.count).toBe(1); // neither the retry nor the new delivery was sent
    expect((await second.deliveries("pending")).map((d) => d.next_target)).toEqual([
      "sink",
      "sink",
    ]);

    second.advance(1_000);
    await second.until(() => target.count === 3);
    await second.settle();
    expect((await second.deliveries("succeeded")).length).toBe(2);
    expect(target.calls.map((c) => (c.body as { n: number }).n).sort()).toEqual([1, 1, 2]);
  });
});
