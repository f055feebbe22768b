import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { join } from "node:path";
import { openSqliteStore } from "../src/store/sqlite-store.ts";
import type { Attempt } from "../src/store/store.ts";
import { createFakeTarget, type FakeTarget } from "./fakes/fake-target.ts";
import { startBridge, type TestBridge } from "./start-bridge.ts";

/**
 * Every outcome path of a delivery against a real HTTP target on loopback, with the clock
 * moved by hand: each ends in the right status with the right attempts.
 */
const yaml = (extra = "") => `
version: 1
delivery:
  poll_interval: 20ms
  retry: [10s, 1m, 5m]
  max_age: 1h
  circuit_breaker: { failures: 3, cool_down: 30s }
targets:
  api:
    type: http
    base_url: \${TARGET_URL}/v1
    timeout: 300ms
    headers: { Authorization: "Bearer \${API_TOKEN}" }
sources:
  forms:
routes:
  - id: notify
    source: forms
    when: { not: { exists: body.chain } }
    order_by: "{{ body.key }}"
    actions:
      - http.request: { method: POST, path: "/notify", body: { n: "{{ body.n }}", key: "{{ body.key }}" } }
  - id: chain
    source: forms
    when: { exists: body.chain }
    actions:
      - id: first
        http.request: { method: POST, path: /first, body: { n: "{{ body.n }}" } }
      - when: "body.skip = true"
        http.request: { path: /skipped }
      - http.request: { path: "/second/{{ steps.first.body.lead_id }}" }
${extra}
`;

let target: FakeTarget;
let t: TestBridge;

beforeEach(async () => {
  target = createFakeTarget({
    respond: (call) => ({
      status: 200,
      body: call.path === "/v1/first" ? { lead_id: 42 } : { ok: true },
    }),
  });
  const { url } = await target.start();
  t = await startBridge(yaml(), { env: { TARGET_URL: url, API_TOKEN: "tok-123456789" } });
});

afterEach(async () => {
  await t.stop();
  await target.close();
});

const attemptsOf = (eventId: string) => t.attemptsOf(eventId);
const post = (body: Record<string, unknown>) => t.postEvent("forms", body);

const outcomes = (attempts: Attempt[]) => attempts.map((a) => [a.outcome, a.error_code]);

describe("a delivery's outcome", () => {
  it("succeeds with one attempt that records the request as sent, token masked", async () => {
    const id = await post({ n: 7, key: "a" });
    const [delivery] = await t.settle();
    expect(delivery?.status).toBe("succeeded");
    const [attempt] = await attemptsOf(id);
    expect(attempt).toMatchObject({
      outcome: "ok",
      response_status: 200,
      action_type: "http.request",
      target: "api",
    });
    expect(attempt?.exchanges[0]).toMatchObject({
      method: "POST",
      url: `${target.url}/v1/notify`,
      request_body: { n: 7, key: "a" },
      status: 200,
    });
    expect(attempt?.exchanges[0]?.request_headers.authorization).toBe("***");
    expect(JSON.stringify(attempt)).not.toContain("tok-123456789");
    expect(target.calls[0]?.headers.authorization).toBe("Bearer tok-123456789");
  });

  it("retries a 5xx on the schedule and succeeds, with one attempt per try", async () => {
    target.failNext({ status: 503, times: 2 });
    const id = await post({ n: 1, key: "a" });
    await t.settle();
    expect(outcomes(await attemptsOf(id))).toEqual([["retry", "http_503"]]);
    t.advance(9_999);
    await t.settle();
    expect(await attemptsOf(id)).toHaveLength(1);
    t.advance(1);
    await t.settle();
    t.advance(60_000);
    const [delivery] = await t.settle();
    expect(delivery?.status).toBe("succeeded");
    expect(outcomes(await attemptsOf(id))).toEqual([
      ["retry", "http_503"],
      ["retry", "http_503"],
      ["ok", null],
    ]);
  });

  it("fails at once on another 4xx, keeping the answer", async () => {
    target.failNext({ status: 400, body: { message: "bad field" } });
    const id = await post({ n: 1, key: "a" });
    const [delivery] = await t.settle();
    expect(delivery?.status).toBe("failed");
    expect(delivery?.last_error).toContain("http_400");
    const attempts = await attemptsOf(id);
    expect(outcomes(attempts)).toEqual([["failed", "http_400"]]);
    expect(attempts[0]?.response_body).toContain("bad field");
  });

  it("retries a call that hangs past the target's timeout", async () => {
    target.failNext({ delayMs: 2_000 });
    const id = await post({ n: 1, key: "a" });
    await t.until(async () => (await attemptsOf(id)).length === 1);
    expect(outcomes(await attemptsOf(id))).toEqual([["retry", "timeout"]]);
    t.advance(10_000);
    const [delivery] = await t.settle();
    expect(delivery?.status).toBe("succeeded");
  });

  it("honours 429 Retry-After and pauses the target for every delivery without using their attempts", async () => {
    target.failNext({ status: 429, headers: { "retry-after": "120" } });
    const first = await post({ n: 1, key: "a" });
    await t.settle();
    expect(outcomes(await attemptsOf(first))).toEqual([["retry", "http_429"]]);
    const second = await post({ n: 2, key: "b" });
    t.advance(60_000);
    await t.settle();
    expect(await attemptsOf(second)).toHaveLength(0);
    expect(target.count).toBe(1);
    const [pending] = await t.deliveries("pending");
    expect(pending?.attempts).toBe(0);
    t.advance(60_000);
    const all = await t.settle();
    expect(all.map((d) => d.status)).toEqual(["succeeded", "succeeded"]);
    expect(outcomes(await attemptsOf(second))).toEqual([["ok", null]]);
  });

  it("reads Retry-After as an HTTP date too", async () => {
    const at = new Date(t.clock.now() + 300_000).toUTCString();
    target.failNext({ status: 429, headers: { "retry-after": at } });
    await post({ n: 1, key: "a" });
    await t.settle();
    const [pending] = await t.deliveries("pending");
    expect(pending?.next_attempt_at).toBe(t.clock.now() + 300_000);
  });

  it("gives up after max_age", async () => {
    target.failNext({ status: 500, times: 100 });
    const id = await post({ n: 1, key: "a" });
    await t.settle();
    for (const wait of [10_000, 60_000, ...Array<number>(12).fill(300_000)]) {
      t.advance(wait);
      await t.settle();
    }
    const [delivery] = await t.deliveries();
    expect(delivery?.status).toBe("failed");
    expect(delivery?.last_error).toMatch(/^max_age_exceeded/);
    expect((await attemptsOf(id)).at(-1)?.outcome).toBe("failed");
  });

  it("resumes at the failed action without repeating the ones before, and feeds outputs to later actions", async () => {
    target.failNext({ path: "/v1/second/42", status: 502 });
    const id = await post({ chain: true, n: 3 });
    await t.settle();
    expect(outcomes(await attemptsOf(id))).toEqual([
      ["ok", null],
      ["skipped", null],
      ["retry", "http_502"],
    ]);
    t.advance(10_000);
    const [delivery] = await t.settle();
    expect(delivery?.status).toBe("succeeded");
    expect(target.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      "POST /v1/first",
      "GET /v1/second/42",
      "GET /v1/second/42",
    ]);
    expect(delivery?.outputs["0"]).toEqual({
      status: 200,
      headers: expect.any(Object) as object,
      body: { lead_id: 42 },
    });
    // stored once each, by index (the skipped action has none); steps.first read it
    expect(Object.keys(delivery?.outputs ?? {})).toEqual(["0", "2"]);
  });

  it("runs deliveries of one order key one at a time, in arrival order", async () => {
    target.failNext({ status: 503 });
    await post({ n: 1, key: "same" });
    await post({ n: 2, key: "same" });
    await post({ n: 3, key: "other" });
    await t.settle();
    expect(target.calls.map((c) => (c.body as { n: number }).n).sort()).toEqual([1, 3]);
    t.advance(10_000);
    await t.settle();
    expect(target.calls.map((c) => (c.body as { n: number }).n)).toEqual(
      expect.arrayContaining([1, 3, 1, 2]),
    );
    const sameOrder = target.calls
      .filter((c) => (c.body as { key: string }).key === "same")
      .map((c) => (c.body as { n: number }).n);
    expect(sameOrder).toEqual([1, 1, 2]);
  });

  it("opens the circuit after repeated failures: deliveries wait without attempts, then a probe closes it", async () => {
    target.failNext({ status: 503, times: 3 });
    for (let n = 0; n < 3; n++) await post({ n, key: `k${n}` });
    await t.settle();
    expect(target.count).toBe(3);
    const paused = await t.bridge.store.pausedTargets(t.clock.now());
    expect(paused.get("api")).toBe(t.clock.now() + 30_000);
    const late = await post({ n: 9, key: "k9" });
    t.advance(10_000);
    await t.settle();
    expect(target.count).toBe(3);
    t.advance(20_000);
    await t.settle();
    expect(target.count).toBe(4);
    // The probe succeeded; the deliveries held back while it ran go next.
    t.advance(1_000);
    const all = await t.settle();
    expect(all.every((d) => d.status === "succeeded")).toBe(true);
    expect(outcomes(await attemptsOf(late))).toEqual([["ok", null]]);
  });
});

describe("failures inside botbridge", () => {
  it("fails a delivery whose rendered params do not fit the action, saying where", async () => {
    await t.stop();
    t = await startBridge(
      yaml(`
  - id: bad-method
    source: forms
    when: { exists: body.method }
    actions:
      - http.request: { method: "{{ body.method }}", path: /x }
  - id: bad-phone
    source: forms
    when: { exists: body.phone }
    actions:
      - http.request: { path: "/x/{{ $phone(body.phone) }}" }
`),
      { env: { TARGET_URL: target.url, API_TOKEN: "x" } },
    );
    const badMethod = await post({ method: "FETCH", chain: true });
    const badPhone = await post({ phone: "call me maybe", chain: true });
    await t.settle();
    const method = (await t.bridge.store.listDeliveries({ event_id: badMethod })).find(
      (d) => d.route_id === "bad-method",
    );
    expect(method).toMatchObject({ status: "failed" });
    expect(method?.last_error).toMatch(/^invalid_params: http\.request\.method: expected "GET"/);
    const phone = (await t.bridge.store.listDeliveries({ event_id: badPhone })).find(
      (d) => d.route_id === "bad-phone",
    );
    expect(phone?.last_error).toMatch(
      /^invalid_phone: \{\{ \$phone\(body\.phone\) \}\}: \$phone: "call me maybe" is not a phone number/,
    );
  });
});

describe("shutdown", () => {
  it("lets an in-flight action finish, then hands the leases back", async () => {
    target.failNext({ delayMs: 200 });
    await post({ n: 1, key: "a" });
    await t.until(() => target.count === 1);
    await t.stop();
    const store = openSqliteStore(`sqlite:${join(t.dir, "botbridge.db")}`);
    const [delivery] = await store.listDeliveries({});
    await store.close();
    expect(delivery?.status).toBe("succeeded");
    expect(target.count).toBe(1);
    t = await startBridge(yaml(), { env: { TARGET_URL: target.url, API_TOKEN: "x" } });
  });
});
