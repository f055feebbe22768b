import { afterEach, describe, expect, it } from "vitest";
import { startBothelpBridge, type BothelpBridge } from "./start-bothelp-bridge.ts";

/**
 * The BotHelp OAuth2 token: cached per target, renewed before it expires, fetched once however
 * many actions wait for it, renewed once on a 401, and refused credentials hold the target, clearly and quietly.
 */
const routes = `  - id: tag
    source: forms
    actions:
      - bothelp.add_tags: { subscriber: { id: "{{ body.id }}" }, tags: [paid] }`;

const subscribers = Array.from({ length: 50 }, (_, i) => ({ id: 100 + i, cuid: `c.${i}` }));

let b: BothelpBridge;

afterEach(async () => {
  await b.stop();
});

describe("the BotHelp token", () => {
  it("is reused until refresh margin before expiry, then renewed before any 401", async () => {
    b = await startBothelpBridge(routes, {
      fake: { subscribers, expiresIn: 3600 },
      target: "    token_refresh_margin: 2m",
    });
    await b.post({ id: 100 });
    await b.t.settle();
    b.t.advance(3600_000 - 120_000 - 1);
    await b.post({ id: 101 });
    await b.t.settle();
    expect(b.fake.tokenRequests).toBe(1);
    b.t.advance(1);
    await b.post({ id: 102 });
    const deliveries = await b.t.settle();
    expect(b.fake.tokenRequests).toBe(2);
    expect(deliveries.map((d) => d.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    expect(b.apiCalls().map((c) => c.path)).toEqual([
      "/v1/subscribers/100",
      "/v1/subscribers/101",
      "/v1/subscribers/102",
    ]);
    const [first, , third] = b.apiCalls();
    expect(third?.headers.authorization).not.toBe(first?.headers.authorization);
  });

  it("is fetched by one request while 50 concurrent actions wait for it", async () => {
    b = await startBothelpBridge(routes, {
      fake: { subscribers },
      delivery: "  concurrency: 50",
    });
    b.fake.failNext({ path: "/oauth2/token", delayMs: 300 });
    await Promise.all(subscribers.map((s) => b.post({ id: s.id })));
    const deliveries = await b.t.settle();
    expect(deliveries).toHaveLength(50);
    expect(deliveries.every((d) => d.status === "succeeded")).toBe(true);
    expect(b.fake.tokenRequests).toBe(1);
    expect(b.apiCalls()).toHaveLength(50);
    expect(new Set(b.apiCalls().map((c) => c.headers.authorization)).size).toBe(1);
    // add_tags is limited to 10 requests/s across all deliveries: a burst of 10, then 100 ms apart.
    const times = b.apiCalls().map((c) => c.at);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(3_500);
  });

  it("is renewed once on a 401 and the call is sent again, in the same attempt", async () => {
    b = await startBothelpBridge(routes, { fake: { subscribers } });
    await b.post({ id: 100 });
    await b.t.settle();
    b.fake.expireTokens();
    const eventId = await b.post({ id: 101 });
    const deliveries = await b.t.settle();
    expect(deliveries.map((d) => d.status)).toEqual(["succeeded", "succeeded"]);
    expect(b.fake.tokenRequests).toBe(2);
    const attempts = await b.attemptsOf(eventId);
    expect(attempts.map((a) => a.outcome)).toEqual(["ok"]);
    expect(attempts[0]?.exchanges.map((e) => [e.method, e.status])).toEqual([
      ["PATCH", 401],
      ["POST", 200],
      ["PATCH", 200],
    ]);
    expect(b.fake.subscriber(101).tags).toEqual(["paid"]);
  });

  it("holds the target when the renewed token is refused too: the delivery waits", async () => {
    b = await startBothelpBridge(routes, { fake: { subscribers } });
    b.fake.failNext({ path: "/v1/subscribers/100", status: 401, times: 2 });
    const eventId = await b.post({ id: 100 });
    const [delivery] = await b.t.settle();
    expect(delivery).toMatchObject({ status: "pending", attempts: 0 });
    expect((await b.attemptsOf(eventId)).map((a) => a.error_code)).toEqual(["credentials_refused"]);
    expect(b.fake.tokenRequests).toBe(2);
    const [state] = await b.t.bridge.store.targetStates(b.t.clock.now(), ["bothelp"]);
    expect(state?.paused_by).toBe("credentials");
  });

  it("retries when the token endpoint is down", async () => {
    b = await startBothelpBridge(routes, { fake: { subscribers } });
    b.fake.failNext({ path: "/oauth2/token", status: 503 });
    const eventId = await b.post({ id: 100 });
    await b.t.settle();
    b.t.advance(10_000);
    const [delivery] = await b.t.settle();
    expect(delivery?.status).toBe("succeeded");
    expect((await b.attemptsOf(eventId)).map((a) => [a.outcome, a.error_code])).toEqual([
      ["retry", "http_503"],
      ["ok", null],
    ]);
  });

  it("holds the target clearly on bad credentials, with no secret in attempts or logs", async () => {
    const wrong = "a-wrong-secret-value";
    b = await startBothelpBridge(routes, {
      fake: { subscribers },
      env: { BOTHELP_CLIENT_SECRET: wrong },
    });
    const eventId = await b.post({ id: 100 });
    const [delivery] = await b.t.settle();
    expect(delivery).toMatchObject({ status: "pending", attempts: 0 });
    const attempts = await b.attemptsOf(eventId);
    expect(attempts.map((a) => [a.outcome, a.error_code])).toEqual([
      ["retry", "bothelp_auth_failed"],
    ]);
    expect(attempts[0]?.error_message).toMatch(
      /BotHelp refused the client credentials of target "bothelp" \(token endpoint answered HTTP 400: invalid_client: Client authentication failed\); check client_id and client_secret/,
    );
    expect(b.apiCalls()).toEqual([]);
    const sent = b.fake.calls[0]?.body as Record<string, string>;
    expect(sent.client_secret).toBe(wrong);
    const everything = JSON.stringify([attempts, await b.t.deliveries(), b.t.logs]);
    expect(everything).not.toContain(wrong);
    expect(attempts[0]?.exchanges[0]?.request_body).toMatchObject({ client_secret: "***" });
  });
});
