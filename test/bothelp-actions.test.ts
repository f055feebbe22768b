import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startBothelpBridge, type BothelpBridge } from "./start-bothelp-bridge.ts";

/**
 * Every BotHelp action end to end: a webhook posted to a running botbridge ends with exactly the
 * right calls at the BotHelp fake (method, path, query, content type, body), and the fake's
 * subscriber changed as the API would change it.
 */
const ACTIONS: Record<string, string> = {
  add_tags: `bothelp.add_tags: { subscriber: { id: "{{ body.id }}" }, tags: "{{ body.tags }}" }`,
  remove_tags: `bothelp.remove_tags: { subscriber: { cuid: "{{ body.cuid }}" }, tags: [old] }`,
  set_custom_fields: `bothelp.set_custom_fields:
          subscriber: { email: "{{ body.email }}" }
          fields: { Бюджет: "{{ body.amount }}", city: Moscow, unset: null }`,
  update_subscriber: `bothelp.update_subscriber:
          subscriber: { id: 92 }
          first_name: "{{ body.name }}"
          phone: "{{ $phone(body.phone) }}"
          notes: ""`,
  send_message: `bothelp.send_message: { subscriber: { id: 92 }, text: "Hi {{ body.name }}" }`,
  start_flow: `bothelp.start_flow: { subscriber: { id: 92 }, flow: c1, step: "{{ body.step }}" }`,
  stop_flow: `bothelp.stop_flow: { subscriber: { id: 92 }, flow: c1 }`,
  add_to_sequence: `bothelp.add_to_sequence: { subscriber: { id: 92 }, sequence: f1 }`,
  remove_from_sequence: `bothelp.remove_from_sequence: { subscriber: { cuid: 1et0.2k }, sequence: f1 }`,
  find_subscribers: `bothelp.find_subscribers: { phone: "{{ body.phone }}" }`,
};

const routes = Object.entries(ACTIONS)
  .map(
    ([name, action]) => `  - id: ${name}
    source: forms
    when: { equals: { body.action: ${name} } }
    actions:
      - id: out
        ${action}`,
  )
  .join("\n");

const body = {
  id: 92,
  cuid: "1et0.2k",
  email: "JOHN@example.com",
  tags: "paid, vip,, paid",
  amount: 7000,
  name: "Иван",
  phone: "8 (999) 123-45-67",
  step: "s1",
};

const lookup = {
  method: "GET",
  path: "/v1/subscribers/",
  query: { email: "JOHN@example.com" },
  type: undefined,
  body: undefined,
};
const write = (method: string, path: string, json: unknown, type = "application/json") => ({
  method,
  path,
  query: {},
  type,
  body: json,
});

const CASES: [string, unknown[]][] = [
  [
    "add_tags",
    [write("PATCH", "/v1/subscribers/92", [{ op: "add", path: "/tags", value: ["paid", "vip"] }])],
  ],
  [
    "remove_tags",
    [
      write("PATCH", "/v1/subscribers/cuid/1et0.2k", [
        { op: "remove", path: "/tags", value: ["old"] },
      ]),
    ],
  ],
  [
    "set_custom_fields",
    [
      lookup,
      write("PATCH", "/v1/subscribers/92/customFields", [
        { op: "replace", path: "/Бюджет", value: "7000" },
        { op: "replace", path: "/city", value: "Moscow" },
      ]),
    ],
  ],
  [
    "update_subscriber",
    [
      write("PATCH", "/v1/subscribers/92", [{ op: "replace", path: "/firstName", value: "Иван" }]),
      write("PATCH", "/v1/subscribers/92", [
        { op: "replace", path: "/phone", value: "+79991234567" },
      ]),
    ],
  ],
  [
    "send_message",
    [
      write(
        "POST",
        "/v1/subscribers/92/messages",
        [{ content: "Hi Иван" }],
        "application/vnd.api+json",
      ),
    ],
  ],
  [
    "start_flow",
    [write("POST", "/v1/subscribers/92/bot", { botReferral: "c1", stepReferral: "s1" })],
  ],
  ["stop_flow", [write("DELETE", "/v1/subscribers/92/bot", { botReferral: "c1" })]],
  ["add_to_sequence", [write("POST", "/v1/subscribers/92/funnel", { funnelReferral: "f1" })]],
  [
    "remove_from_sequence",
    [write("DELETE", "/v1/subscribers/cuid/1et0.2k/funnel", { funnelReferral: "f1" })],
  ],
  [
    "find_subscribers",
    [
      {
        method: "GET",
        path: "/v1/subscribers/",
        query: { phone: "+79991234567" },
        type: undefined,
        body: undefined,
      },
    ],
  ],
];

let b: BothelpBridge;

beforeEach(async () => {
  b = await startBothelpBridge(routes, {
    fake: {
      subscribers: [
        {
          id: 92,
          cuid: "1et0.2k",
          email: "john@example.com",
          phone: "+79991234567",
          tags: ["old"],
          bots: [{ botReferral: "c1", stepReferral: null }],
          funnels: ["f1"],
        },
        { id: 93, cuid: "1et0.2l", email: "someone@example.com" },
      ],
    },
  });
});

afterEach(async () => {
  await b.stop();
});

describe("BotHelp actions end to end", () => {
  it.each(CASES)("%s sends exactly the right calls", async (action, expected) => {
    const eventId = await b.post({ ...body, action });
    const [delivery] = await b.t.settle();
    expect(delivery?.status).toBe("succeeded");
    const calls = b.apiCalls().map((call) => ({
      method: call.method,
      path: call.path,
      query: call.query,
      type: call.headers["content-type"],
      body: call.body,
    }));
    expect(calls).toEqual(expected);
    for (const call of b.apiCalls())
      expect(call.headers.authorization).toMatch(/^Bearer [\w-]{20,}$/);
    expect(b.fake.tokenRequests).toBe(1);
    const [attempt] = await b.attemptsOf(eventId);
    expect(attempt?.outcome).toBe("ok");
    const [token, ...exchanges] = attempt?.exchanges ?? [];
    expect(token).toMatchObject({
      method: "POST",
      url: `${b.fake.url}/oauth2/token`,
      request_body: { grant_type: "client_credentials", client_secret: "***" },
      status: 200,
    });
    expect(token?.response_body).toContain('"access_token":"***"');
    expect(exchanges.map((e) => e.request_headers.authorization)).toEqual(
      expected.map(() => "***"),
    );
    const stored = JSON.stringify(await b.attemptsOf(eventId));
    expect(stored).not.toContain(b.fake.clientSecret);
    for (const call of b.apiCalls())
      expect(stored).not.toContain(call.headers.authorization?.slice(7));
  });

  it("changes the subscriber at the fake as the API would", async () => {
    for (const action of ["add_tags", "set_custom_fields", "send_message", "start_flow"])
      await b.post({ ...body, action });
    await b.t.settle();
    expect(b.fake.subscriber(92)).toMatchObject({
      tags: ["old", "paid", "vip"],
      customFields: { Бюджет: "7000", city: "Moscow" },
      messages: ["Hi Иван"],
      bots: [{ botReferral: "c1", stepReferral: "s1" }],
    });
    for (const action of ["remove_tags", "stop_flow", "remove_from_sequence", "update_subscriber"])
      await b.post({ ...body, action });
    await b.t.settle();
    expect(b.fake.subscriber(92)).toMatchObject({
      tags: ["paid", "vip"],
      bots: [],
      funnels: [],
      firstName: "Иван",
    });
  });

  it("records each action's output for later steps", async () => {
    await b.post({ ...body, action: "find_subscribers" });
    await b.post({ ...body, action: "set_custom_fields" });
    await b.t.settle();
    const outputs = Object.fromEntries(
      (await b.t.deliveries()).map((d) => [d.route_id, d.outputs["0"]]),
    );
    expect(outputs.find_subscribers).toMatchObject({
      count: 1,
      truncated: false,
      subscribers: [{ id: 92, cuid: "1et0.2k", phone: "+79991234567" }],
    });
    expect(outputs.set_custom_fields).toEqual({ subscribers: [{ id: 92 }], skipped: false });
  });
});
