import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import type { RecordedCall } from "./fakes/read-call.ts";
import { startBothelpBridge } from "./start-bothelp-bridge.ts";
import { startSinkBridge } from "./start-sink-bridge.ts";

/**
 * Client-side rate limits end to end: with `rate_limit: 5` and 12 deliveries due at once, the
 * calls reach a real target on loopback so that no second holds more than 5 of them, and every
 * delivery succeeds. A BotHelp operation's own `rate_limit` goes through the same limiter.
 */
const PER_SECOND = 5;
const DELIVERIES = 12;
/**
 * How much closer two calls may arrive than the limiter spaced them. The limiter counts when a
 * call leaves; the fake sees it after connection set-up and a shared, busy event loop: a burst
 * over fresh connections was seen arriving spread over up to 200 ms. The limiter this replaced
 * put 8 calls in 750 ms.
 */
const SLACK_MS = 250;

interface Running {
  post(n: number): Promise<void>;
  /** Calls that the limit applies to. */
  calls(): RecordedCall[];
  clearCalls(): void;
  /** Answers the next limited call with 429 and Retry-After: `seconds`. */
  throttleNext(seconds: number): void;
  advance(ms: number): void;
  settle(): Promise<string[]>;
  stop(): Promise<void>;
}

async function httpTarget(): Promise<Running> {
  const t = await startSinkBridge({
    delivery: "poll_interval: 20ms, concurrency: 32",
    target: `rate_limit: ${PER_SECOND}`,
  });
  return {
    async post(n) {
      expect((await t.send({ n })).status).toBe(200);
    },
    calls: () => t.sink.calls,
    clearCalls: () => t.sink.clearCalls(),
    throttleNext: (seconds) =>
      t.sink.failNext({ status: 429, headers: { "retry-after": String(seconds) } }),
    advance: (ms) => t.advance(ms),
    settle: async () => (await t.settle(20_000)).map((d) => d.status),
    stop: () => t.stop(),
  };
}

async function bothelpOperation(): Promise<Running> {
  const b = await startBothelpBridge(
    `
  - id: message
    source: forms
    actions:
      - bothelp.send_message: { subscriber: { id: 92 }, text: "n={{ body.n }}" }
`,
    {
      fake: { subscribers: [{ id: 92, cuid: "1et0.2k" }] },
      delivery: "  concurrency: 32",
      target: `    operations:\n      send_message: { rate_limit: ${PER_SECOND} }`,
    },
  );
  return {
    async post(n) {
      await b.post({ n });
    },
    calls: () => b.apiCalls(),
    clearCalls: () => b.fake.clearCalls(),
    throttleNext: (seconds) =>
      b.fake.failNext({
        path: "/v1/subscribers/92/messages",
        status: 429,
        headers: { "retry-after": String(seconds) },
      }),
    advance: (ms) => b.t.advance(ms),
    settle: async () => (await b.t.settle(20_000)).map((d) => d.status),
    stop: () => b.stop(),
  };
}

/** The most calls that arrived within any window of `ms` (a window opening at each call). */
function busiestWindow(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (const [i, start] of sorted.entries()) {
    most = Math.max(most, sorted.filter((at, j) => j >= i && at < start + ms).length);
  }
  return most;
}

let running: Running | undefined;

afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe("rate_limit", () => {
  it.each<[string, () => Promise<Running>]>([
    ["of an http target", httpTarget],
    ["of a BotHelp operation", bothelpOperation],
  ])("%s keeps every second within the limit", async (_name, start) => {
    const r = await start();
    running = r;
    // The first call is answered 429: it opens the connection (and gets a BotHelp token) and
    // pauses the target while the rest are posted, so all 12 fall due at the same moment and
    // the measured calls do not share the event loop with the posting.
    r.throttleNext(60);
    await r.post(1);
    await r.settle();
    for (let n = 2; n <= DELIVERIES; n += 1) await r.post(n);
    await r.settle();
    await sleep(1000);
    r.clearCalls();
    r.advance(60_000);
    expect(await r.settle()).toEqual(Array<string>(DELIVERIES).fill("succeeded"));
    const times = r.calls().map((call) => call.at);
    expect(times).toHaveLength(DELIVERIES);
    expect(busiestWindow(times, 1000 - SLACK_MS)).toBeLessThanOrEqual(PER_SECOND);
    // Bursts of up to 5 pass at once: 12 calls take two seconds, not 12/5.
    const span = Math.max(...times) - Math.min(...times);
    expect(span).toBeGreaterThanOrEqual(2000 - SLACK_MS);
    expect(span).toBeLessThan(3000);
  });
});

describe("busiestWindow", () => {
  it.each<[number[], number]>([
    [[], 0],
    [[0, 999, 1000], 2],
    [[0, 1, 2, 3, 4, 1000, 1001], 5],
    [[1000, 0, 500], 2],
  ])("of %j is %i", (times, expected) => {
    expect(busiestWindow(times, 1000)).toBe(expected);
  });
});
