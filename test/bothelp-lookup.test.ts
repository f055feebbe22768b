import { afterEach, describe, expect, it } from "vitest";
import type { FakeBothelpOptions } from "./fakes/fake-bothelp.ts";
import { startBothelpBridge, type BothelpBridge } from "./start-bothelp-bridge.ts";

/**
 * Subscriber lookup end to end, where it needs the dispatcher: one lookup per delivery, and
 * on_missing: wait (retried without using up attempts, until wait_for). Which subscriptions a
 * lookup finds (phone formats, on_multiple, pages, on_missing: fail or skip) is tested on the
 * actions, beside resolve-subscribers.ts.
 */
const route = (subscriber: string, extra = "") => `  - id: tag
    source: forms
    actions:
      - id: out
        bothelp.add_tags: { subscriber: ${subscriber}, tags: [lead] }${extra}`;

const john = { id: 92, cuid: "1et0.2k", email: "john@example.com", phone: "+79991234567" };

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
