import { afterAll, describe, expect, it } from "vitest";
import { createFakeTarget } from "./fakes/fake-target.ts";
import { samplesOf, valueOf } from "./parse-prometheus-text.ts";
import { useTestSchemas } from "./postgres-schemas.ts";
import { scrapeMetrics } from "./scrape-metrics.ts";
import { startSinkBridge, type SinkBridge } from "./start-sink-bridge.ts";
import { createTestClock } from "./test-clock.ts";

/**
 * Two instances on one PostgreSQL schema: each counts what it did (its own webhooks, the
 * deliveries it carried out), and both report the same store-wide gauges, labelled
 * scope="store", so a dashboard takes max() of them rather than counting the store twice.
 */
const TOKEN = "metrics-token-0123456789";
const schemas = useTestSchemas();
const target = createFakeTarget();
const bridges: SinkBridge[] = [];

afterAll(async () => {
  for (const bridge of bridges) await bridge.stop().catch(() => undefined);
  await target.close();
});

describe("metrics of two instances on one PostgreSQL database", () => {
  it("counts per instance and reports the store-wide gauges alike on both", async () => {
    if (!schemas) throw new Error("TEST_DATABASE_URL is not set: the PostgreSQL tests need it");
    const clock = createTestClock();
    const options = {
      sink: target,
      settings: 'metrics: { token: "${METRICS_TOKEN}" }',
      env: { BOTBRIDGE_DATABASE_URL: await schemas.create(), METRICS_TOKEN: TOKEN },
      clock,
    };
    const a = await startSinkBridge(options);
    bridges.push(a);
    const b = await startSinkBridge(options);
    bridges.push(b);

    for (const n of [1, 2, 3]) expect((await a.send({ n })).status).toBe(200);
    for (const n of [4, 5]) expect((await b.send({ n })).status).toBe(200);
    await a.until(() => target.count === 5);
    await Promise.all([a.settle(), b.settle()]);
    clock.advance(1000);

    const [ma, mb] = [
      (await scrapeMetrics(a.url, TOKEN)).families,
      (await scrapeMetrics(b.url, TOKEN)).families,
    ];
    const accepted = { source: "forms", outcome: "accepted" };
    expect(valueOf(ma, "botbridge_webhook_requests_total", accepted)).toBe(3);
    expect(valueOf(mb, "botbridge_webhook_requests_total", accepted)).toBe(2);
    const succeeded = { route: "forward", status: "succeeded" };
    expect(
      valueOf(ma, "botbridge_deliveries_finished_total", succeeded) +
        valueOf(mb, "botbridge_deliveries_finished_total", succeeded),
    ).toBe(5);

    for (const m of [ma, mb]) {
      expect(valueOf(m, "botbridge_deliveries", { scope: "store", status: "succeeded" })).toBe(5);
      expect(valueOf(m, "botbridge_target_paused", { scope: "store", target: "sink" })).toBe(0);
      for (const gauge of ["botbridge_deliveries", "botbridge_store_size_bytes"])
        expect(samplesOf(m, gauge).every((s) => s.labels.scope === "store")).toBe(true);
    }
    const size = (m: typeof ma) => valueOf(m, "botbridge_store_size_bytes", { scope: "store" });
    expect(size(ma)).toBeGreaterThan(0);
    expect(size(ma)).toBe(size(mb));
  });
});
