import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeTarget, type FakeTarget } from "./fakes/fake-target.ts";
import { startBridge, type TestBridge } from "./start-bridge.ts";

/**
 * A Retry-After a target should never send (400 digits, a date in year 9999) waits at most
 * delivery.max_retry_after: the delivery falls due again and succeeds, instead of waiting until
 * Infinity with its target paused for good.
 */
const MAX = 120_000;
const yaml = `
version: 1
delivery: { poll_interval: 20ms, retry: [10s], max_retry_after: 2m }
targets:
  api: { type: http, base_url: "\${TARGET_URL}" }
sources:
  forms:
routes:
  - id: notify
    source: forms
    actions:
      - http.request: { method: POST, path: /notify }
`;

let target: FakeTarget;
let t: TestBridge;

beforeEach(async () => {
  target = createFakeTarget();
  const { url } = await target.start();
  t = await startBridge(yaml, { env: { TARGET_URL: url } });
});

afterEach(async () => {
  await t.stop();
  await target.close();
});

describe("a Retry-After beyond delivery.max_retry_after", () => {
  it.each<[string, number, string, boolean]>([
    ["429 with 400 digits", 429, "9".repeat(400), true],
    ["429 with a date in year 9999", 429, "Fri, 31 Dec 9999 23:59:59 GMT", true],
    ["503 with 400 digits", 503, "9".repeat(400), false],
  ])("%s waits max_retry_after, then delivers", async (_name, status, retryAfter, pauses) => {
    target.failNext({ status, headers: { "retry-after": retryAfter } });
    const started = t.clock.now();
    await t.post("forms", "{}", { "content-type": "application/json" });
    const [pending] = await t.settle();
    expect(pending?.status).toBe("pending");
    expect(pending?.next_attempt_at).toBe(started + MAX);
    const paused = await t.bridge.store.pausedTargets(started);
    expect(paused.get("api")).toBe(pauses ? started + MAX : undefined);

    t.advance(MAX - 1);
    await t.settle();
    expect(target.count).toBe(1);
    t.advance(1);
    const [delivery] = await t.settle();
    expect(delivery?.status).toBe("succeeded");
    expect(target.count).toBe(2);
  });
});
