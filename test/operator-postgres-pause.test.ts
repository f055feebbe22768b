import { afterAll, describe, expect, it } from "vitest";
import { createFakeTarget } from "./fakes/fake-target.ts";
import { operatorClient } from "./operator-client.ts";
import { useTestSchemas } from "./postgres-schemas.ts";
import { startSinkBridge, type SinkBridge } from "./start-sink-bridge.ts";
import { createTestClock } from "./test-clock.ts";

/**
 * A pause through the operator API holds a target's deliveries on every instance of one
 * PostgreSQL schema, and a resume on another instance lets them drain at once: the instances
 * poll only once an hour here, so only the store's holds and its notifications can do it.
 */
const schemas = useTestSchemas();
const TOKEN = "pg-admin-token-0123456789";
const target = createFakeTarget();
const bridges: SinkBridge[] = [];

afterAll(async () => {
  for (const bridge of bridges) await bridge.stop().catch(() => undefined);
  await target.close();
});

describe.skipIf(!schemas)("pause and resume across PostgreSQL instances", () => {
  it("holds the deliveries of both instances while paused, and drains them after a resume on the other", async () => {
    const options = {
      settings: 'admin: { token: "${ADMIN_TOKEN}" }',
      delivery: "poll_interval: 1h",
      sink: target,
      env: { BOTBRIDGE_DATABASE_URL: await schemas!.create(), ADMIN_TOKEN: TOKEN },
      clock: createTestClock(),
    };
    const a = await startSinkBridge(options);
    bridges.push(a);
    const b = await startSinkBridge(options);
    bridges.push(b);
    const apiA = operatorClient(a.url, TOKEN);
    const apiB = operatorClient(b.url, TOKEN);

    const paused = await apiA.post("/targets/sink/pause", { reason: "CRM maintenance" });
    expect(paused.json).toMatchObject({ paused: true, paused_by: "operator", paused_until: null });
    for (const n of [1, 2]) expect((await b.send({ n })).status).toBe(200);
    expect((await a.send({ n: 3 })).status).toBe(200);
    await a.settle();
    await b.settle();
    expect(target.count).toBe(0);
    const seen = await apiB.get<{ waiting: number; paused: boolean }>("/targets/sink");
    expect(seen.json).toMatchObject({ paused: true, waiting: 3, pause_reason: "CRM maintenance" });
    expect((await b.deliveries("pending")).map((d) => d.attempts)).toEqual([0, 0, 0]);

    const resumed = await apiB.post("/targets/sink/resume");
    expect(resumed.json).toMatchObject({ paused: false });
    await b.until(() => target.count === 3);
    await a.settle();
    await b.settle();
    expect(a.reached()).toEqual(new Set([1, 2, 3]));
    expect((await b.deliveries("succeeded")).length).toBe(3);

    const audit = await apiA.get<{
      data: { action: string; subject: string }[];
    }>("/audit");
    expect(audit.json.data.map((e) => `${e.action} ${e.subject}`)).toEqual([
      "resume target:sink",
      "pause target:sink",
    ]);
  });
});
