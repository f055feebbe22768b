import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeBothelp, type FakeBothelp, type FakeBothelpOptions } from "./fake-bothelp.ts";

interface Answer {
  status: number;
  body: unknown;
  location: string | null;
}

const options: FakeBothelpOptions = {
  pageSize: 2,
  subscribers: [
    { id: 92, cuid: "1et0.2k", email: "John@Example.com", phone: "+79941111111", createdAt: 1000 },
    { id: 93, cuid: "1et0.2l", phone: "+79942222222", createdAt: 2000 },
    { id: 94, cuid: "1et0.2m", createdAt: 3000, tags: ["old"] },
  ],
  bots: [
    { title: "Приветствие", referral: "c1", steps: [{ title: "Шаг 1", referral: "s1" }] },
    { title: "Оплата", referral: "c2" },
  ],
  funnels: [{ title: "Прогрев", referral: "f1" }],
};

describe("createFakeBothelp", () => {
  let fake: FakeBothelp;
  let url: string;
  let token: string;

  async function requestToken(form: Record<string, string>): Promise<Response> {
    return fetch(`${url}/oauth2/token`, { method: "POST", body: new URLSearchParams(form) });
  }

  async function send(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const response = await fetch(`${url}${path}`, {
      method,
      redirect: "manual",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
      ...(body === undefined
        ? {}
        : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    const parsed: unknown = text === "" ? undefined : JSON.parse(text);
    return { status: response.status, body: parsed, location: response.headers.get("location") };
  }

  beforeEach(async () => {
    fake = createFakeBothelp(options);
    ({ url } = await fake.start());
    const response = await requestToken({
      grant_type: "client_credentials",
      client_id: fake.clientId,
      client_secret: fake.clientSecret,
    });
    const issued = (await response.json()) as { access_token: string };
    token = issued.access_token;
  });
  afterEach(async () => {
    await fake.close();
  });

  describe("token endpoint and auth", () => {
    it("issues Bearer tokens for the right credentials, url-encoded or multipart", async () => {
      const form = new FormData();
      form.set("grant_type", "client_credentials");
      form.set("client_id", fake.clientId);
      form.set("client_secret", fake.clientSecret);
      const response = await fetch(`${url}/oauth2/token`, { method: "POST", body: form });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
      expect(fake.tokenRequests).toBe(2);
    });

    it.each([
      ["a wrong secret", { client_secret: "nope" }],
      ["a wrong grant type", { grant_type: "password" }],
    ])("answers 400 invalid_client for %s", async (_name, change) => {
      const form = {
        grant_type: "client_credentials",
        client_id: fake.clientId,
        client_secret: fake.clientSecret,
        ...change,
      };
      const response = await requestToken(form);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: "invalid_client" });
    });

    it.each([
      ["no token", {}],
      ["an unknown token", { authorization: "Bearer nope" }],
    ])("answers 401 with %s", async (_name, headers) => {
      const response = await fetch(`${url}/v1/bots/`, { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: "Unauthorized" });
    });

    it("rejects tokens after expireTokens()", async () => {
      expect((await send("GET", "/v1/bots/")).status).toBe(200);
      fake.expireTokens();
      expect((await send("GET", "/v1/bots/")).status).toBe(401);
    });

    it("rejects a token once its expires_in has passed on the fake's clock", async () => {
      let clock = 1_000_000;
      const timed = createFakeBothelp({ expiresIn: 60, now: () => clock });
      const started = await timed.start();
      try {
        const form = {
          grant_type: "client_credentials",
          client_id: timed.clientId,
          client_secret: timed.clientSecret,
        };
        const issued = await fetch(`${started.url}/oauth2/token`, {
          method: "POST",
          body: new URLSearchParams(form),
        });
        const { access_token } = (await issued.json()) as { access_token: string };
        const list = () =>
          fetch(`${started.url}/v1/funnels/`, {
            headers: { authorization: `Bearer ${access_token}` },
          });
        clock += 59_000;
        expect((await list()).status).toBe(200);
        clock += 1_000;
        expect((await list()).status).toBe(401);
      } finally {
        await timed.close();
      }
    });
  });

  describe("GET /v1/subscribers/", () => {
    it.each([
      ["email, any case", "?email=john%40example.com", [92], null],
      ["phone sent as %2B", "?phone=%2B79942222222", [93], null],
      ["phone with a bare + (decodes to a space)", "?phone=+79942222222", [], null],
      ["createdAtAfter", "?createdAtAfter=1500", [93, 94], null],
      ["no filter: first page", "", [92, 93], { cursor: { after: 93 }, next: "after=93" }],
      ["no filter: after the cursor", "?after=93", [94], null],
    ])("filters by %s", async (_name, query, ids, paging) => {
      const answer = await send("GET", `/v1/subscribers/${query}`);
      const body = answer.body as { data: { id: number }[]; paging: unknown };
      expect(answer.status).toBe(200);
      expect(body.data.map((subscriber) => subscriber.id)).toEqual(ids);
      expect(body.paging).toEqual(paging);
    });

    it("shows the reference's field names and finds subscribers added later", async () => {
      fake.addSubscriber({ id: 200, cuid: "late.1", email: "late@example.com", name: "Late" });
      const answer = await send("GET", "/v1/subscribers/?email=late%40example.com");
      const [subscriber] = (answer.body as { data: Record<string, unknown>[] }).data;
      expect(Object.keys(subscriber ?? {}).sort()).toEqual(
        [
          ...["id", "cuid", "userId", "createdAt", "subscribed", "name", "email", "phone"],
          ...["channelName", "channelType", "utmSource", "utmMedium", "utmCampaign"],
          ...["utmContent", "utmTerm", "tags", "prodamusProfileId", "yaClientId"],
        ].sort(),
      );
      expect(subscriber).toMatchObject({ id: 200, cuid: "late.1", name: "Late", tags: [] });
    });
  });

  it.each([
    ["GET", "/v1/subscribers?email=a%40b.c", "/v1/subscribers/?email=a%40b.c"],
    ["GET", "/v1/bots", "/v1/bots/"],
    ["GET", "/v1/funnels", "/v1/funnels/"],
    ["GET", "/v1/bots/c1/steps/", "/v1/bots/c1/steps"],
    ["PATCH", "/v1/subscribers/92/", "/v1/subscribers/92"],
    ["POST", "/v1/subscribers/cuid/1et0.2k/bot/", "/v1/subscribers/cuid/1et0.2k/bot"],
  ])("answers %s %s with 301 to the canonical path", async (method, path, canonical) => {
    const answer = await send(method, path, method === "GET" ? undefined : []);
    expect(answer.status).toBe(301);
    expect(answer.location).toBe(`${url}${canonical}`);
    expect(fake.subscriber(92).bots).toEqual([]);
  });

  describe("PATCH /v1/subscribers/{id}", () => {
    it.each([
      ["adds tags", [{ op: "add", path: "/tags", value: ["paid", "vip"] }], ["old", "paid", "vip"]],
      ["removes tags", [{ op: "remove", path: "/tags", value: ["old"] }], []],
    ])("%s", async (_name, ops, tags) => {
      const answer = await send("PATCH", "/v1/subscribers/94", ops);
      expect(answer).toMatchObject({ status: 200, body: undefined });
      expect(fake.subscriber(94).tags).toEqual(tags);
    });

    it("replaces person fields, by cuid too", async () => {
      const ops = [
        { op: "replace", path: "/name", value: "Ivan" },
        { op: "replace", path: "/phone", value: "+79990000000" },
        { op: "replace", path: "/notes", value: "vip" },
      ];
      expect((await send("PATCH", "/v1/subscribers/cuid/1et0.2k", ops)).status).toBe(200);
      expect(fake.subscriber(92)).toMatchObject({
        name: "Ivan",
        phone: "+79990000000",
        notes: "vip",
      });
    });

    it.each([
      ["an object body", { op: "add", path: "/tags", value: ["x"] }, "Expected an array"],
      ["replace on /tags", [{ op: "replace", path: "/tags", value: ["x"] }], "not recognized"],
      ["a tag that is not in an array", [{ op: "add", path: "/tags", value: "x" }], "array"],
      ["an unknown path", [{ op: "replace", path: "/age", value: "3" }], "not recognized"],
      ["invalid JSON", "[{", "json_decode error"],
    ])("answers 400 for %s and changes nothing", async (_name, body, message) => {
      const ops = [
        { op: "add", path: "/tags", value: ["first"] },
        ...(Array.isArray(body) ? body : []),
      ];
      const answer = await send("PATCH", "/v1/subscribers/93", Array.isArray(body) ? ops : body);
      expect(answer.status).toBe(400);
      expect((answer.body as { message: string }).message).toContain(message);
      expect(fake.subscriber(93).tags).toEqual([]);
    });
  });

  describe("PATCH …/customFields", () => {
    it("sets string fields, by id and cuid", async () => {
      await send("PATCH", "/v1/subscribers/92/customFields", [
        { op: "replace", path: "/Бюджет", value: "7000" },
      ]);
      await send("PATCH", "/v1/subscribers/cuid/1et0.2k/customFields", [
        { op: "replace", path: "/favorite_color", value: "blue" },
      ]);
      expect(fake.subscriber(92).customFields).toEqual({ Бюджет: "7000", favorite_color: "blue" });
    });

    it.each([
      ["a number value", [{ op: "replace", path: "/x", value: 7 }]],
      ["an add op", [{ op: "add", path: "/x", value: "7" }]],
      ["an object body", { x: "7" }],
    ])("answers 400 for %s", async (_name, body) => {
      expect((await send("PATCH", "/v1/subscribers/92/customFields", body)).status).toBe(400);
      expect(fake.subscriber(92).customFields).toEqual({});
    });
  });

  describe("POST …/messages", () => {
    it.each([
      ["application/vnd.api+json", [{ content: "hi" }], 200, ["hi"]],
      ["application/json", [{ content: "a" }, { content: "b" }], 200, ["a", "b"]],
      ["text/plain", [{ content: "hi" }], 415, []],
      ["application/json", { content: "hi" }, 400, []],
      ["application/json", [{ content: "hi", type: "text" }], 400, []],
      ["application/json", [{ content: 7 }], 400, []],
    ])("with %s and body %j answers %i", async (contentType, body, status, messages) => {
      const answer = await send("POST", "/v1/subscribers/92/messages", body, {
        "content-type": contentType,
      });
      expect(answer.status).toBe(status);
      expect(fake.subscriber(92).messages).toEqual(messages);
    });
  });

  describe("flows and sequences", () => {
    it("starts and stops flows, even with unknown referrals", async () => {
      const start = { botReferral: "c1", stepReferral: "s1" };
      expect(await send("POST", "/v1/subscribers/92/bot", start)).toMatchObject({
        status: 200,
        body: { success: true },
      });
      await send("POST", "/v1/subscribers/92/bot", { botReferral: "unknown" });
      expect(fake.subscriber(92).bots).toEqual([
        { botReferral: "c1", stepReferral: "s1" },
        { botReferral: "unknown", stepReferral: null },
      ]);
      const stop = await send("DELETE", "/v1/subscribers/92/bot", { botReferral: "c1" });
      expect(stop).toMatchObject({ status: 200, body: { success: true } });
      expect(fake.subscriber(92).bots).toEqual([{ botReferral: "unknown", stepReferral: null }]);
    });

    it.each(["/bot", "/funnel"])(
      "answers DELETE %s without a body with json_decode error",
      async (p) => {
        const answer = await send("DELETE", `/v1/subscribers/92${p}`);
        expect(answer).toMatchObject({ status: 400, body: { message: "json_decode error" } });
      },
    );

    it("adds to and removes from sequences", async () => {
      await send("POST", "/v1/subscribers/cuid/1et0.2l/funnel", { funnelReferral: "f1" });
      await send("POST", "/v1/subscribers/93/funnel", { funnelReferral: "f2" });
      expect(fake.subscriber(93).funnels).toEqual(["f1", "f2"]);
      await send("DELETE", "/v1/subscribers/93/funnel", { funnelReferral: "f1" });
      expect(fake.subscriber(93).funnels).toEqual(["f2"]);
    });

    it("reads the DELETE referral from the query with deleteReferralIn: query", async () => {
      await fake.close();
      fake = createFakeBothelp({ ...options, deleteReferralIn: "query" });
      ({ url } = await fake.start());
      const form = { grant_type: "client_credentials", client_id: fake.clientId };
      const issued = await requestToken({ ...form, client_secret: fake.clientSecret });
      token = ((await issued.json()) as { access_token: string }).access_token;
      await send("POST", "/v1/subscribers/92/bot", { botReferral: "c1" });
      await send("POST", "/v1/subscribers/92/bot", { botReferral: "c2" });
      expect((await send("DELETE", "/v1/subscribers/92/bot?botReferral=c1")).status).toBe(200);
      expect(fake.subscriber(92).bots).toEqual([{ botReferral: "c2", stepReferral: null }]);
    });
  });

  it.each([
    ["PATCH", "/v1/subscribers/999", []],
    ["PATCH", "/v1/subscribers/cuid/nobody/customFields", []],
    ["POST", "/v1/subscribers/999/messages", [{ content: "hi" }]],
    ["POST", "/v1/subscribers/999/bot", { botReferral: "c1" }],
    ["DELETE", "/v1/subscribers/cuid/nobody/funnel", { funnelReferral: "f1" }],
  ])("answers %s %s for an unknown subscriber with 404", async (method, path, body) => {
    const answer = await send(method, path, body);
    expect(answer).toMatchObject({ status: 404, body: { message: "Subscriber not found" } });
  });

  it.each([
    [
      "/v1/bots/",
      [
        { title: "Приветствие", referral: "c1" },
        { title: "Оплата", referral: "c2" },
      ],
    ],
    ["/v1/bots/c1/steps", [{ title: "Шаг 1", referral: "s1" }]],
    ["/v1/bots/c2/steps", []],
    ["/v1/funnels/", [{ title: "Прогрев", referral: "f1" }]],
  ])("lists GET %s as a bare array", async (path, list) => {
    expect(await send("GET", path)).toMatchObject({ status: 200, body: list });
  });
});
