import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createFakeTarget, type FakeTarget } from "./fakes/fake-target.ts";
import { samplesOf, valueOf, type MetricFamily } from "./parse-prometheus-text.ts";
import { scrapeMetrics } from "./scrape-metrics.ts";
import { startSinkBridge, type SinkBridge } from "./start-sink-bridge.ts";

const TOKEN = "metrics-token-0123456789";

let t: SinkBridge | undefined;
let sink: FakeTarget | undefined;
afterEach(async () => {
  await t?.stop();
  await sink?.close();
  t = undefined;
  sink = undefined;
});

/** A bridge whose `forms` source dedupes on body.n and whose sink refuses n = 3 for good (400). */
async function start(source = 'dedupe: "{{ body.n }}"', route?: string): Promise<SinkBridge> {
  sink = createFakeTarget({
    record: false,
    respond: (call) =>
      String((call.body as { n: unknown }).n) === "3"
        ? { status: 400, body: { error: "refused" } }
        : { status: 200, body: { ok: true } },
  });
  t = await startSinkBridge({
    sink,
    settings: 'metrics: { token: "${METRICS_TOKEN}" }',
    source,
    ...(route ? { route } : {}),
    env: { METRICS_TOKEN: TOKEN },
  });
  return t;
}

const scrape = (bridge: SinkBridge) => scrapeMetrics(bridge.url, TOKEN);

/** Each botbridge_ series (name and labels) with its type; Node's own metrics vary by themselves. */
function botbridgeSeries(families: Map<string, MetricFamily>): string[] {
  return [...families.values()]
    .filter((f) => f.name.startsWith("botbridge_"))
    .flatMap((f) => f.samples.map((s) => `${s.name}${JSON.stringify(s.labels)}`))
    .sort();
}

describe("GET /metrics", () => {
  it("counts a known scenario exactly: 3 accepted, 1 duplicate, 1 rejected, 2 succeeded, 1 failed", async () => {
    const bridge = await start();
    for (const n of [1, 2, 3]) expect((await bridge.send({ n })).status).toBe(200);
    expect((await bridge.send({ n: 1 })).json).toMatchObject({ duplicate: true });
    const rejected = await bridge.post("forms", '{"n": ', { "content-type": "application/json" });
    expect(rejected.status).toBe(400);
    await bridge.settle();
    bridge.clock.advance(1000);

    const { families: m } = await scrape(bridge);
    const forms = { source: "forms" };
    expect(
      samplesOf(m, "botbridge_webhook_requests_total").map((s) => [s.labels, s.value]),
    ).toEqual(
      expect.arrayContaining([
        [{ ...forms, outcome: "accepted" }, 3],
        [{ ...forms, outcome: "duplicate" }, 1],
        [{ ...forms, outcome: "rejected", reason: "invalid_json" }, 1],
      ]),
    );
    expect(valueOf(m, "botbridge_webhook_requests_total")).toBe(5);
    expect(valueOf(m, "botbridge_webhook_request_duration_seconds_count", forms)).toBe(5);
    expect(valueOf(m, "botbridge_deliveries_created_total", { route: "forward" })).toBe(3);
    const finished = (status: string) =>
      valueOf(m, "botbridge_deliveries_finished_total", { route: "forward", status });
    expect([finished("succeeded"), finished("failed"), finished("cancelled")]).toEqual([2, 1, 0]);
    const attempt = { route: "forward", target: "sink", action: "http.request" };
    expect(
      samplesOf(m, "botbridge_attempts_total", attempt).map((s) => [
        s.labels.outcome,
        s.labels.status_class,
        s.value,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ["ok", "2xx", 2],
        ["failed", "4xx", 1],
      ]),
    );
    expect(valueOf(m, "botbridge_attempts_total")).toBe(3);
    expect(valueOf(m, "botbridge_attempt_duration_seconds_count", { target: "sink" })).toBe(3);
    expect(valueOf(m, "botbridge_delivery_latency_seconds_count", { route: "forward" })).toBe(2);
    expect(
      valueOf(m, "botbridge_delivery_latency_seconds_bucket", { route: "forward", le: "86400" }),
    ).toBe(2);

    const store = { scope: "store" };
    const deliveries = (status: string) => valueOf(m, "botbridge_deliveries", { ...store, status });
    expect([deliveries("succeeded"), deliveries("failed"), deliveries("pending")]).toEqual([
      2, 1, 0,
    ]);
    expect(valueOf(m, "botbridge_target_paused", { ...store, target: "sink" })).toBe(0);
    expect(
      valueOf(m, "botbridge_oldest_waiting_delivery_age_seconds", { ...store, target: "sink" }),
    ).toBe(0);
    expect(
      valueOf(m, "botbridge_target_last_success_timestamp_seconds", { ...store, target: "sink" }),
    ).toBe((bridge.clock.now() - 1000) / 1000);
    expect(valueOf(m, "botbridge_store_size_bytes", store)).toBeGreaterThan(4096);
    expect(samplesOf(m, "botbridge_build_info")[0]?.labels).toEqual({
      version: "0.1.0",
      node_version: process.version,
    });
    expect(m.get("botbridge_webhook_requests_total")?.type).toBe("counter");
    expect(m.get("botbridge_delivery_latency_seconds")?.type).toBe("histogram");
    for (const standard of ["process_cpu_seconds_total", "nodejs_heap_size_used_bytes"])
      expect(m.has(standard), standard).toBe(true);
    // the metrics token is a secret: in no log line
    expect(JSON.stringify(bridge.logs)).not.toContain(TOKEN);
  });

  it("reads the store at most every 15 s, however often it is scraped", async () => {
    const bridge = await start();
    await bridge.send({ n: 1 });
    await bridge.settle();
    const succeeded = (m: Map<string, MetricFamily>) =>
      valueOf(m, "botbridge_deliveries", { scope: "store", status: "succeeded" });
    expect(succeeded((await scrape(bridge)).families)).toBe(1);
    await bridge.send({ n: 2 });
    await bridge.settle();
    bridge.clock.advance(14_000);
    // a second and third scraper within 15 s see the cached read
    for (let i = 0; i < 2; i += 1) expect(succeeded((await scrape(bridge)).families)).toBe(1);
    bridge.clock.advance(1000);
    expect(succeeded((await scrape(bridge)).families)).toBe(2);
  });

  it("shows a target paused by a 429 and the age of its oldest waiting delivery", async () => {
    const bridge = await start();
    sink?.failNext({ status: 429, headers: { "retry-after": "600" } });
    await bridge.send({ n: 1 });
    await bridge.settle();
    bridge.clock.advance(60_000);
    const { families: m } = await scrape(bridge);
    const sinkStore = { scope: "store", target: "sink" };
    expect(valueOf(m, "botbridge_target_paused", sinkStore)).toBe(1);
    expect(valueOf(m, "botbridge_oldest_waiting_delivery_age_seconds", sinkStore)).toBe(60);
    expect(valueOf(m, "botbridge_deliveries", { scope: "store", status: "pending" })).toBe(1);
    expect(
      samplesOf(m, "botbridge_attempts_total", { target: "sink" }).map((s) => [
        s.labels.outcome,
        s.labels.status_class,
        s.value,
      ]),
    ).toEqual([["retry", "4xx", 1]]);
    expect(samplesOf(m, "botbridge_target_last_success_timestamp_seconds")).toEqual([]);
  });

  it("keeps the same series under 10,000 distinct events and unknown source names", async () => {
    // one request carries 50 events (split), so the 10,000 take 200 requests, 50 at a time (their
    // ingests share commits); one event of each request makes a delivery
    const bridge = await start(
      'split: true, dedupe: "{{ body.n }}"',
      "when: { not: { exists: body.quiet } }",
    );
    const warmUp = async (from: number) => {
      // every kind of request, duplicates included, so every series exists before the count
      for (const n of [from, from + 1, 3, 3]) await bridge.send({ n });
      await bridge.post("forms", "{", { "content-type": "application/json" });
      await bridge.post(`no-such-source-${from}`, "{}");
      await bridge.settle();
    };
    await warmUp(100);
    const before = await scrape(bridge);

    const phone = (i: number) => `+7999${String(1_000_000 + i).slice(1)}`;
    let batch = 0;
    const post = async () => {
      for (let b = batch++; b < 200; b = batch++) {
        const items = Array.from({ length: 50 }, (_, k) => {
          const i = b * 50 + k;
          const event = { n: 1000 + i, phone: phone(i), email: `u${i}@x.ru` };
          return k === 0 ? event : { ...event, quiet: true };
        });
        expect((await bridge.send(items)).status).toBe(200);
        await bridge.post(`unknown-${b}-${phone(b)}`, "{}");
      }
    };
    await Promise.all(Array.from({ length: 50 }, post));
    await warmUp(200);
    await bridge.settle(60_000);
    bridge.clock.advance(15_000);
    const after = await scrape(bridge);

    expect(valueOf(after.families, "botbridge_deliveries_created_total")).toBe(200 + 5);
    expect(valueOf(after.families, "botbridge_deliveries", { status: "succeeded" })).toBe(200 + 4);
    const [was, is] = [botbridgeSeries(before.families), botbridgeSeries(after.families)];
    expect(is.filter((s) => !was.includes(s)).join("\n")).toBe("");
    expect(is.length).toBe(was.length);
    expect(after.text).not.toMatch(/unknown-|no-such-source|\+7999|@x\.ru|x-ru/);
    expect(
      valueOf(after.families, "botbridge_webhook_requests_total", {
        source: "unknown",
        reason: "unknown_source",
      }),
    ).toBe(2 + 200);
  }, 180_000);

  it("is read with an admin token too, and counts the operator's changes", async () => {
    const bridge = await start();
    const admin = readFileSync(join(bridge.dir, "admin-token"), "utf8").trim();
    const call = (path: string) =>
      fetch(`${bridge.url}/api/v1${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
        body: "{}",
      });
    expect((await call("/targets/sink/pause")).status).toBe(200);
    expect((await call("/targets/sink/resume")).status).toBe(200);
    expect((await call("/targets/sink/pause")).status).toBe(200);
    bridge.clock.advance(15_000);
    const { families: m } = await scrapeMetrics(bridge.url, admin);
    const actions = samplesOf(m, "botbridge_manual_actions_total").map((s) => [
      s.labels.action,
      s.value,
    ]);
    expect(actions.sort()).toEqual([
      ["pause", 2],
      ["resume", 1],
    ]);
    expect(valueOf(m, "botbridge_target_paused", { scope: "store", target: "sink" })).toBe(1);
  });

  it("counts config reloads applied and refused", async () => {
    const bridge = await start();
    const file = join(bridge.dir, "routes.yaml");
    expect(await bridge.bridge.reload()).toEqual([]);
    const good = readFileSync(file, "utf8");
    writeFileSync(file, `${good}\nno_such_key: 1\n`);
    expect((await bridge.bridge.reload()).length).toBeGreaterThan(0);
    const { families: m } = await scrape(bridge);
    expect(valueOf(m, "botbridge_config_reloads_total", { outcome: "applied" })).toBe(1);
    expect(valueOf(m, "botbridge_config_reloads_total", { outcome: "refused" })).toBe(1);
  });

  it.each<[string, Record<string, string>]>([
    ["no Authorization header", {}],
    ["a wrong token", { authorization: "Bearer not-the-metrics-token" }],
    ["the token as Basic credentials", { authorization: `Basic ${TOKEN}` }],
  ])("answers 401 unauthorized to %s", async (_name, headers) => {
    const bridge = await start();
    const response = await fetch(`${bridge.url}/metrics`, { headers });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "unauthorized" } });
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });
});
