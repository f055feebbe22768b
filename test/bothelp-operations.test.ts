import { afterEach, describe, expect, it } from "vitest";
import type { FakeBothelpOptions } from "./fakes/fake-bothelp.ts";
import { startBothelpBridge, type BothelpBridge } from "./start-bothelp-bridge.ts";

/**
 * What the reference marks as inferred is configurable per operation in the target: method,
 * path, content type, message body style, where a DELETE's referral goes, ops per request.
 * Redirects are never followed, and a 429 pauses the target until Retry-After.
 */
const subscriber = { id: 92, cuid: "1et0.2k", bots: [{ botReferral: "c1", stepReferral: null }] };

let b: BothelpBridge;

afterEach(async () => {
  await b.stop();
});

interface Case {
  name: string;
  operations: string;
  action: string;
  fake?: FakeBothelpOptions;
  status: string;
  error: string | null;
  call: { method: string; path: string; query: unknown; type?: string; body: unknown };
}

const CASES: Case[] = [
  {
    name: "stop_flow with the referral in the query",
    operations: "stop_flow: { referral_in: query }",
    action: "bothelp.stop_flow: { subscriber: { id: 92 }, flow: c1 }",
    fake: { deleteReferralIn: "query" },
    status: "succeeded",
    error: null,
    call: {
      method: "DELETE",
      path: "/v1/subscribers/92/bot",
      query: { botReferral: "c1" },
      type: "application/json",
      body: {},
    },
  },
  {
    name: "remove_from_sequence with the referral in both",
    operations: "remove_from_sequence: { referral_in: both }",
    action: "bothelp.remove_from_sequence: { subscriber: { id: 92 }, sequence: f1 }",
    status: "succeeded",
    error: null,
    call: {
      method: "DELETE",
      path: "/v1/subscribers/92/funnel",
      query: { funnelReferral: "f1" },
      type: "application/json",
      body: { funnelReferral: "f1" },
    },
  },
  {
    name: "send_message as application/json",
    operations: "send_message: { content_type: application/json }",
    action: "bothelp.send_message: { subscriber: { cuid: 1et0.2k }, text: hi }",
    status: "succeeded",
    error: null,
    call: {
      method: "POST",
      path: "/v1/subscribers/cuid/1et0.2k/messages",
      query: {},
      type: "application/json",
      body: [{ content: "hi" }],
    },
  },
  {
    name: "send_message in a data envelope (this fake wants the SDK's array)",
    operations: "send_message: { body_style: data }",
    action: "bothelp.send_message: { subscriber: { id: 92 }, text: hi }",
    status: "failed",
    error: "http_400",
    call: {
      method: "POST",
      path: "/v1/subscribers/92/messages",
      query: {},
      type: "application/vnd.api+json",
      body: { data: { content: ["hi"] } },
    },
  },
  {
    name: "update_subscriber with two ops per request",
    operations: "update_subscriber: { ops_per_request: 2 }",
    action:
      "bothelp.update_subscriber: { subscriber: { id: 92 }, first_name: Ivan, last_name: Petrov }",
    status: "succeeded",
    error: null,
    call: {
      method: "PATCH",
      path: "/v1/subscribers/92",
      query: {},
      type: "application/json",
      body: [
        { op: "replace", path: "/firstName", value: "Ivan" },
        { op: "replace", path: "/lastName", value: "Petrov" },
      ],
    },
  },
  {
    name: "a path with a wrong trailing slash: the 301 is not followed",
    operations: 'set_custom_fields: { path: "/v1/subscribers/{subscriber}/customFields/" }',
    action: "bothelp.set_custom_fields: { subscriber: { id: 92 }, fields: { a: 1 } }",
    status: "failed",
    error: "http_301",
    call: {
      method: "PATCH",
      path: "/v1/subscribers/92/customFields/",
      query: {},
      type: "application/json",
      body: [{ op: "replace", path: "/a", value: "1" }],
    },
  },
];

describe("BotHelp operation overrides", () => {
  it.each(CASES)("$name", async (c) => {
    b = await startBothelpBridge(
      `  - id: r
    source: forms
    actions:
      - ${c.action}`,
      {
        fake: { subscribers: [{ ...subscriber, funnels: ["f1"] }], ...c.fake },
        target: `    operations:\n      ${c.operations}`,
      },
    );
    const eventId = await b.post({});
    const [delivery] = await b.t.settle();
    expect(delivery?.status).toBe(c.status);
    expect((await b.attemptsOf(eventId)).map((a) => a.error_code)).toEqual([c.error]);
    expect(
      b.apiCalls().map((call) => ({
        method: call.method,
        path: call.path,
        query: call.query,
        type: call.headers["content-type"],
        body: call.body,
      })),
    ).toEqual([c.call]);
  });
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
