import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSinkBridge, type SinkBridge } from "./start-sink-bridge.ts";

/**
 * A Retry-After a target should never send (400 digits, a date in year 9999) waits at most
 * delivery.max_retry_after: the delivery falls due again and succeeds, instead of waiting until
 * Infinity with its target paused for good.
 */
const MAX = 120_000;
let t: SinkBridge;

beforeEach(async () => {
  t = await startSinkBridge({ delivery: "poll_interval: 20ms, retry: [10s], max_retry_after: 2m" });
});

afterEach(async () => {
  await t.stop();
});

describe("a Retry-After beyond delivery.max_retry_after", () => {
  it.each<[string, number, string, boolean]>([
    ["429 with 400 digits", 429, "9".repeat(400), true],
    ["429 with a date in year 9999", 429, "Fri, 31 Dec 9999 23:59:59 GMT", true],
    ["503 with 400 digits", 503, "9".repeat(400), false],
  ])("%s waits max_retry_after, then delivers", async (_name, status, retryAfter, pauses) => {
    t.sink.failNext({ status, headers: { "retry-after": retryAfter } });
    const started = t.clock.now();
    await t.send({ n: 1 });
    const [pending] = await t.settle();
    expect(pending?.status).toBe("pending");
    expect(pending?.next_attempt_at).toBe(started + MAX);
    const paused = await t.bridge.store.pausedTargets(started);
    expect(paused.get("sink")).toBe(pauses ? started + MAX : undefined);

    t.advance(MAX - 1);
    await t.settle();
    expect(t.sink.count).toBe(1);
    t.advance(1);
    const [delivery] = await t.settle();
    expect(delivery?.status).toBe("succeeded");
    expect(t.sink.count).toBe(2);
  });
});
