import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeTarget, type FakeTarget } from "./fakes/fake-target.ts";
import { startBridge, type TestBridge } from "./start-bridge.ts";

/**
 * A templated header whose value cannot be sent (CR, LF, NUL, a character outside Latin-1) fails
 * its own delivery with invalid_params before any request is made. A flood of them is not retried,
 * does not trip the circuit breaker and does not wedge the target's connection pool: the next
 * normal delivery to that target and to another one goes through at once.
 */
const FLOOD = 120;
const BAD_NAMES = ["Anna\nPetrova", "Anna\r\nX-Admin: yes", "Anna\rPetrova", "Anna\u0000", "Анна"];

const yaml = `
version: 1
delivery: { poll_interval: 20ms, concurrency: 64, circuit_breaker: { failures: 3, cool_down: 1h } }
targets:
  crm: { type: http, base_url: "\${CRM_URL}/api" }
  other: { type: http, base_url: "\${OTHER_URL}" }
sources:
  named:
  plain:
routes:
  - id: named
    source: named
    actions:
      - target: crm
        http.request: { method: POST, path: /contacts, headers: { X-Name: "{{ body.name }}" } }
  - id: plain
    source: plain
    actions:
      - target: other
        http.request: { method: POST, path: /ping }
`;

let crm: FakeTarget;
let other: FakeTarget;
let t: TestBridge;

beforeEach(async () => {
  crm = createFakeTarget();
  other = createFakeTarget();
  await Promise.all([crm.start(), other.start()]);
  t = await startBridge(yaml, { env: { CRM_URL: crm.url, OTHER_URL: other.url } });
});

afterEach(async () => {
  await t.stop();
  await Promise.all([crm.close(), other.close()]);
});

async function post(source: string, body: unknown): Promise<void> {
  const answer = await t.post(source, JSON.stringify(body), { "content-type": "application/json" });
  expect(answer.status).toBe(200);
}

describe("a header value that cannot be sent", () => {
  it(`fails ${FLOOD} deliveries with invalid_params and leaves the pool and breaker alone`, async () => {
    for (let i = 0; i < FLOOD; i += 20) {
      await Promise.all(
        Array.from({ length: 20 }, (_, j) =>
          post("named", { name: BAD_NAMES[(i + j) % BAD_NAMES.length] }),
        ),
      );
    }
    const flooded = await t.settle(20_000);
    expect(flooded).toHaveLength(FLOOD);
    for (const delivery of flooded) {
      expect(delivery.status).toBe("failed");
      expect(delivery.last_error).toMatch(/^invalid_params: header x-name: its value holds/);
      const attempts = await t.bridge.store.listAttempts(delivery.id);
      expect(attempts.map((a) => [a.outcome, a.error_code])).toEqual([
        ["failed", "invalid_params"],
      ]);
    }
    expect(crm.count).toBe(0);
    expect(await t.bridge.store.pausedTargets(t.clock.now())).toEqual(new Map());

    const started = performance.now();
    await post("named", { name: "Anna Petrova" });
    await post("plain", {});
    const all = await t.settle(5_000);
    const elapsed = performance.now() - started;
    expect(
      all
        .filter((d) => d.status === "succeeded")
        .map((d) => d.route_id)
        .sort(),
    ).toEqual(["named", "plain"]);
    expect(elapsed).toBeLessThan(2_000);
    expect(crm.calls.map((c) => [c.path, c.headers["x-name"]])).toEqual([
      ["/api/contacts", "Anna Petrova"],
    ]);
    expect(other.count).toBe(1);
  });
});
