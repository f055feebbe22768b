import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeTarget, type FakeTarget } from "./fakes/fake-target.ts";
import { startBridge, type TestBridge } from "./start-bridge.ts";

/**
 * What an operator reads in the log about deliveries, end to end through a real bridge and a real
 * HTTP target on loopback: lines that join up by event id, and never a silent stop.
 */
const yaml = `
version: 1
delivery:
  poll_interval: 20ms
  retry: [10s]
  max_age: 1m
  circuit_breaker: { failures: 2, cool_down: 30s }
targets:
  api:
    type: http
    base_url: \${TARGET_URL}
    timeout: 300ms
  preview:
    type: http
    base_url: \${TARGET_URL}
    dry_run: true
    headers: { Authorization: "Bearer \${API_TOKEN}" }
sources:
  forms:
routes:
  - id: notify
    source: forms
    actions:
      - http.request: { method: POST, path: /notify }
        target: api
  - id: audit
    source: forms
    when: { exists: body.audit }
    actions:
      - http.request: { method: POST, path: /audit }
        target: api
  - id: preview
    source: forms
    when: { exists: body.preview }
    actions:
      - http.request: { method: POST, path: "/leads", body: { name: "{{ body.name }}" } }
        target: preview
`;

let target: FakeTarget;
let t: TestBridge;

beforeEach(async () => {
  target = createFakeTarget();
  const { url } = await target.start();
  t = await startBridge(yaml, { env: { TARGET_URL: url, API_TOKEN: "tok-123456789" } });
});

afterEach(async () => {
  await t.stop();
  await target.close();
});

async function post(body: Record<string, unknown> = {}): Promise<string> {
  const response = await t.post("forms", JSON.stringify(body), {
    "content-type": "application/json",
  });
  expect(response.status).toBe(200);
  return (response.json as { event_id: string }).event_id;
}

const linesOf = (code: string) => t.logs.filter((l) => l.code === code);
const iso = (ms: number) => new Date(ms).toISOString();

describe("delivery logs", () => {
  it("name the deliveries of an accepted event, and every line about one carries the event's id", async () => {
    target.failNext({ path: "/audit", status: 503 });
    const id = await post({ audit: true });
    await t.settle();
    const deliveries = await t.bridge.store.listDeliveries({ event_id: id });
    const accepted = t.logs.find((l) => l.msg === "event accepted");
    expect(accepted).toMatchObject({ event_id: id, matched: ["notify", "audit"] });
    expect([...(accepted?.delivery_ids as string[])].sort()).toEqual(
      deliveries.map((d) => d.id).sort(),
    );
    const about = t.logs.filter((l) => l.delivery_id !== undefined);
    expect(about.map((l) => [l.route_id, l.level, l.code ?? l.msg]).sort()).toEqual([
      ["audit", 40, "http_503"],
      ["notify", 30, "delivery succeeded"],
    ]);
    for (const line of about) expect(line.event_id).toBe(id);
  });

  it("end a delivery given up at max_age with an error line of its own", async () => {
    target.failNext({ status: 500, times: 100 });
    const id = await post();
    await t.settle();
    for (let waited = 0; waited <= 60_000; waited += 10_000) {
      t.advance(10_000);
      await t.settle();
    }
    const [delivery] = await t.deliveries();
    expect(delivery?.status).toBe("failed");
    const last = t.logs.filter((l) => l.delivery_id === delivery?.id).at(-1);
    expect(last).toMatchObject({
      level: 50,
      code: "max_age_exceeded",
      last_code: "http_500",
      event_id: id,
      target: "api",
    });
  });

  it("say when a circuit opens and until when, and when a probe closes it", async () => {
    target.failNext({ status: 503, times: 2 });
    await post();
    await post();
    await t.settle();
    const opened = t.clock.now() + 30_000;
    expect(linesOf("circuit_open")).toMatchObject([
      { level: 40, target: "api", until: iso(opened) },
    ]);
    expect(linesOf("circuit_closed")).toEqual([]);
    t.advance(30_000);
    await t.settle();
    expect(linesOf("circuit_closed")).toMatchObject([{ level: 40, target: "api" }]);
  });

  it("say when a 429 pauses a target, and until when", async () => {
    target.failNext({ status: 429, headers: { "retry-after": "120" } });
    const id = await post();
    await t.settle();
    expect(linesOf("target_throttled")).toMatchObject([
      { level: 40, event_id: id, target: "api", until: iso(t.clock.now() + 120_000) },
    ]);
  });

  it("show a dry run at info with the request it would have sent, secrets masked", async () => {
    const id = await post({ preview: true, name: "Ann" });
    await t.settle();
    expect(target.calls.map((c) => c.path)).toEqual(["/notify"]);
    expect(t.logs.filter((l) => l.msg === "dry run: nothing was sent")).toMatchObject([
      {
        level: 30,
        event_id: id,
        route_id: "preview",
        target: "preview",
        requests: [
          {
            method: "POST",
            url: `${target.url}/leads`,
            request_headers: { authorization: "***" },
            request_body: { name: "Ann" },
          },
        ],
      },
    ]);
    expect(JSON.stringify(t.logs)).not.toContain("tok-123456789");
  });
});
