import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { useTestSchemas } from "./postgres-schemas.ts";
import { startSinkBridge, type SinkBridge } from "./start-sink-bridge.ts";
import { createTcpProxy } from "./tcp-proxy.ts";

/**
 * PostgreSQL goes away under a running botbridge (a TCP proxy in front of the real server is
 * taken down: open connections cut, new ones refused) and comes back on the same address.
 * Meanwhile webhooks get 503 store_unavailable and the dispatcher backs off; afterwards both
 * recover on their own, and every webhook that got a 200 reaches the target.
 */
const schemas = useTestSchemas();
let t: SinkBridge | undefined;

afterAll(async () => {
  await t?.stop();
});

describe.skipIf(!schemas)("postgres outage", () => {
  it("answers 503 store_unavailable and backs off while the database is gone, then recovers", async () => {
    const shared = new URL(await schemas!.create());
    const proxy = createTcpProxy({ host: shared.hostname, port: Number(shared.port || 5432) });
    await proxy.up();
    shared.host = `127.0.0.1:${proxy.port}`;
    t = await startSinkBridge({
      delivery: "poll_interval: 50ms, retry: [100ms]",
      settings: "storage: { statement_timeout: 2s }",
      env: { BOTBRIDGE_DATABASE_URL: shared.toString() },
    });
    const bridge = t;
    const post = (n: number) => bridge.send({ n });
    const reached = () => bridge.reached();

    expect((await post(1)).status).toBe(200);
    await bridge.until(() => reached().has(1));

    await proxy.down();
    const refused = await post(2);
    expect(refused).toMatchObject({
      status: 503,
      json: { error: { code: "store_unavailable" } },
    });
    const ready = await fetch(`${bridge.url}/readyz`);
    expect(ready.status).toBe(503);
    // The dispatcher backs off: its failed claims space out (50 ms, doubling) instead of
    // hammering a database that is down every poll_interval.
    const backoffs = () =>
      bridge.logs.filter(
        (l) => l.code === "store_unavailable" && l.msg === "cannot claim deliveries; backing off",
      ).length;
    await bridge.until(() => backoffs() >= 1, 5_000);
    const before = backoffs();
    await sleep(2_000);
    const during = backoffs() - before;
    expect(during).toBeGreaterThanOrEqual(1);
    expect(during).toBeLessThanOrEqual(6); // 40 polls would fit in 2 s without backoff

    await proxy.up();
    const back = Date.now();
    // The first requests after the return may still meet a connection cut before; a sender
    // retries them, and within a few seconds they are accepted again.
    await bridge.until(async () => (await post(3)).status === 200, 10_000);
    const recovered = Date.now() - back;
    const accepted = [1, 3];
    for (let n = 4; n <= 12; n++) {
      expect((await post(n)).status).toBe(200);
      accepted.push(n);
    }
    expect((await fetch(`${bridge.url}/readyz`)).status).toBe(200);
    await bridge.until(() => accepted.every((n) => reached().has(n)), 15_000);
    console.log(
      `outage test: ${during} claim back-offs in 2 s down; ingest accepted again ${recovered} ms ` +
        `after the database returned; deliveries done ${Date.now() - back} ms after`,
    );
    expect(reached().has(2)).toBe(false);
  }, 40_000);
});
