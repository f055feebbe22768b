import { afterEach, describe, expect, it } from "vitest";
import type { FakeBothelpOptions } from "./fakes/fake-bothelp.ts";
import { startBothelpBridge, type BothelpBridge } from "./start-bothelp-bridge.ts";

/**
 * Subscriber lookup by email and phone through GET /v1/subscribers/: phone formats, several
 * subscriptions (on_multiple), nobody (on_missing: fail, skip, wait) and one lookup per delivery.
 */
const route = (subscriber: string, extra = "") => `  - id: tag
    source: forms
    actions:
      - id: out
        bothelp.add_tags: { subscriber: ${subscriber}, tags: [lead] }${extra}`;

const john = { id: 92, cuid: "1et0.2k", email: "john@example.com", phone: "+79991234567" };
const johnInstagram = { ...john, id: 95, cuid: "1et0.2n", channelType: "instagram" };

let b: BothelpBridge;

afterEach(async () => {
  await b.stop();
});

async function run(
  subscriber: string,
  body: Record<string, unknown>,
  fake: FakeBothelpOptions = { subscribers: [john] },
  extra = "",
) {
  b = await startBothelpBridge(route(subscriber, extra), { fake });
  const eventId = await b.post(body);
  const [delivery] = await b.t.settle();
  return { delivery, eventId, calls: b.apiCalls().map((c) => `${c.method} ${c.path}`) };
}

describe("BotHelp subscriber lookup", () => {
  it("finds a subscriber by email and acts on its id", async () => {
    const { delivery, calls } = await run(`{ email: "{{ body.email }}" }`, {
      email: " john@example.com ",
    });
    expect(delivery?.status).toBe("succeeded");
    expect(calls).toEqual(["GET /v1/subscribers/", "PATCH /v1/subscribers/92"]);
    expect(b.apiCalls()[0]?.query).toEqual({ email: "john@example.com" });
    expect(b.fake.subscriber(92).tags).toEqual(["lead"]);
  });

  it.each(["+7 (999) 123-45-67", "8 999 123 45 67", "79991234567", 79991234567])(
    "finds a subscriber by phone written as %s",
    async (phone) => {
      const { delivery, calls } = await run(`{ phone: "{{ body.phone }}" }`, { phone });
      expect(delivery?.status).toBe("succeeded");
      expect(b.apiCalls()[0]?.query).toEqual({ phone: "+79991234567" });
      expect(calls).toEqual(["GET /v1/subscribers/", "PATCH /v1/subscribers/92"]);
    },
  );

  it.each([
    ["all", "succeeded", ["PATCH /v1/subscribers/92", "PATCH /v1/subscribers/95"], null],
    ["first", "succeeded", ["PATCH /v1/subscribers/92"], null],
    ["fail", "failed", [], "multiple_subscribers"],
  ])("with several subscriptions and on_multiple: %s", async (mode, status, writes, code) => {
    const { delivery, calls, eventId } = await run(
      `{ email: "{{ body.email }}", on_multiple: ${mode} }`,
      { email: "john@example.com" },
      { subscribers: [john, johnInstagram] },
    );
    expect(delivery?.status).toBe(status);
    expect(calls).toEqual(["GET /v1/subscribers/", ...writes]);
    expect((await b.attemptsOf(eventId)).map((a) => a.error_code)).toEqual([code]);
  });

  it("follows the cursor to find subscriptions on later pages", async () => {
    const { delivery, calls } = await run(
      `{ email: "{{ body.email }}" }`,
      { email: "john@example.com" },
      { subscribers: [john, johnInstagram], pageSize: 1 },
    );
    expect(delivery?.status).toBe("succeeded");
    expect(calls).toEqual([
      "GET /v1/subscribers/",
      "GET /v1/subscribers/",
      "PATCH /v1/subscribers/92",
      "PATCH /v1/subscribers/95",
    ]);
    expect(b.apiCalls()[1]?.query).toEqual({ email: "john@example.com", after: "92" });
  });

  it("looks up once for several actions of one delivery", async () => {
    const by = `{ email: "{{ body.email }}" }`;
    const { delivery, calls } = await run(
      by,
      { email: "john@example.com" },
      { subscribers: [john] },
      `
      - bothelp.start_flow: { subscriber: ${by}, flow: c1 }
      - bothelp.send_message: { subscriber: ${by}, text: hello }`,
    );
    expect(delivery?.status).toBe("succeeded");
    expect(calls).toEqual([
      "GET /v1/subscribers/",
      "PATCH /v1/subscribers/92",
      "POST /v1/subscribers/92/bot",
      "POST /v1/subscribers/92/messages",
    ]);
  });

  it("fails when nobody matches and on_missing is fail (the default)", async () => {
    const { delivery, calls, eventId } = await run(`{ email: "{{ body.email }}" }`, {
      email: "nobody@example.com",
    });
    expect(delivery?.status).toBe("failed");
    expect(calls).toEqual(["GET /v1/subscribers/"]);
    const [attempt] = await b.attemptsOf(eventId);
    expect([attempt?.error_code, attempt?.error_message]).toEqual([
      "subscriber_not_found",
      "no BotHelp subscriber with email nobody@example.com",
    ]);
  });

  it("skips the action when nobody matches and on_missing is skip", async () => {
    const { delivery, calls } = await run(`{ email: "{{ body.email }}", on_missing: skip }`, {
      email: "nobody@example.com",
    });
    expect(delivery?.status).toBe("succeeded");
    expect(calls).toEqual(["GET /v1/subscribers/"]);
    expect(delivery?.outputs["0"]).toEqual({ subscribers: [], skipped: true });
  });

  it.each([
    ["skip", "succeeded", null],
    ["fail", "failed", "invalid_params"],
  ])("with no email in the event and on_missing: %s", async (mode, status, code) => {
    const { delivery, calls, eventId } = await run(
      `{ email: "{{ body.email }}", on_missing: ${mode} }`,
      { name: "no email" },
    );
    expect(delivery?.status).toBe(status);
    expect(calls).toEqual([]);
    expect((await b.attemptsOf(eventId)).map((a) => a.error_code)).toEqual([code]);
  });

  it("waits, using up no attempts, until the subscriber appears, then acts", async () => {
    const { delivery, eventId } = await run(
      `{ phone: "{{ body.phone }}", on_missing: wait }`,
      {
        phone: "8 999 123-45-67",
      },
      { subscribers: [] },
    );
    expect(delivery).toMatchObject({ status: "pending", attempts: 0 });
    b.t.advance(10_000);
    await b.t.settle();
    b.t.advance(60_000);
    const [stillWaiting] = await b.t.settle();
    expect(stillWaiting).toMatchObject({ status: "pending", attempts: 0 });
    b.fake.addSubscriber(john);
    b.t.advance(300_000);
    const [done] = await b.t.settle();
    expect(done?.status).toBe("succeeded");
    expect((await b.attemptsOf(eventId)).map((a) => a.outcome)).toEqual([
      "wait",
      "wait",
      "wait",
      "ok",
    ]);
    expect(b.fake.subscriber(92).tags).toEqual(["lead"]);
  });

  it("gives up waiting after wait_for", async () => {
    const { eventId } = await run(
      `{ email: "{{ body.email }}", on_missing: wait, wait_for: 10m }`,
      { email: "nobody@example.com" },
      { subscribers: [] },
    );
    for (let i = 0; i < 4; i += 1) {
      b.t.advance(300_000);
      await b.t.settle();
    }
    const [delivery] = await b.t.deliveries();
    expect(delivery?.status).toBe("failed");
    expect(delivery?.last_error).toMatch(
      /^subscriber_not_found: .* \(gave up after waiting \d+ s\)$/,
    );
    const outcomes = (await b.attemptsOf(eventId)).map((a) => a.outcome);
    expect(outcomes.at(-1)).toBe("failed");
    expect(outcomes.slice(0, -1).every((o) => o === "wait")).toBe(true);
  });
});
