import { afterEach, describe, expect, it } from "vitest";
import { startBothelpBridge, type BothelpBridge } from "./start-bothelp-bridge.ts";

/**
 * A 429 from BotHelp pauses the target until Retry-After. The per-operation overrides of the
 * target (method, path, content type, body style, referral placement, ops per request) are
 * tested on the calls alone, beside call-bothelp.ts.
 */
const subscriber = { id: 92, cuid: "1et0.2k", bots: [{ botReferral: "c1", stepReferral: null }] };

let b: BothelpBridge;

afterEach(async () => {
  await b.stop();
});

describe("BotHelp throttling", () => {
  it("pauses the target on 429 until Retry-After, using up no attempt, then sends", async () => {
    b = await startBothelpBridge(
      `  - id: r
    source: forms
    actions:
      - bothelp.add_tags: { subscriber: { id: 92 }, tags: [a] }`,
      { fake: { subscribers: [subscriber] } },
    );
    b.fake.failNext({ path: "/v1/subscribers/92", status: 429, headers: { "retry-after": "30" } });
    const eventId = await b.post({});
    const [paused] = await b.t.settle();
    expect(paused).toMatchObject({ status: "pending", attempts: 0 });
    b.t.advance(29_000);
    await b.t.settle();
    expect(b.apiCalls()).toHaveLength(1);
    b.t.advance(1_000);
    const [delivery] = await b.t.settle();
    expect(delivery?.status).toBe("succeeded");
    expect((await b.attemptsOf(eventId)).map((a) => [a.outcome, a.error_code])).toEqual([
      ["retry", "http_429"],
      ["ok", null],
    ]);
    expect(b.fake.subscriber(92).tags).toEqual(["a"]);
  });
});
