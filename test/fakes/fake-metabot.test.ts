import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeMetabot, type FakeMetabot } from "./fake-metabot.ts";

const TOKEN = "metabot-token";

describe("createFakeMetabot", () => {
  let fake: FakeMetabot;
  let url: string;

  async function post(
    path: string,
    body: unknown,
    headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` },
  ): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${url}/api/v1${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  beforeEach(async () => {
    fake = createFakeMetabot({
      botId: 1234,
      token: TOKEN,
      endpoints: {
        "bridge/upsert-lead": (params) => ({ lead_id: 135, echo: params }),
        "async/empty": () => Promise.resolve(undefined),
      },
    });
    ({ url } = await fake.start());
  });
  afterEach(async () => {
    await fake.close();
  });

  const job = { trigger_code: "new_lead", lead_id: 135, run_after_sec: 300 };

  it.each([
    ["no Authorization header", {}, 401, { message: "Unauthenticated." }],
    ["a wrong token", { authorization: "Bearer wrong" }, 401, { message: "Unauthenticated." }],
    ["a wrong scheme", { authorization: `Token ${TOKEN}` }, 401, { message: "Unauthenticated." }],
  ])("answers %s with 401", async (_name, headers, status, body) => {
    expect(await post("/bots/1234/jobs/schedule", job, headers)).toEqual({ status, body });
    expect(fake.jobs).toEqual([]);
  });

  it("answers another bot id with 404 Bot not found", async () => {
    const answer = await post("/bots/999/jobs/schedule", job);
    expect(answer).toEqual({ status: 404, body: { message: "Bot not found" } });
  });

  it("schedules a valid job, records it and the Accept header", async () => {
    const full = {
      script_code: "welcome",
      lead_id: 135,
      ticket_id: 7,
      run_at: "2021-01-21 21:00:00",
      is_periodic: false,
      repeat_interval_sec: 86400,
      condition_script_code: "if (leadId == 135) { return true; }",
      script_request_params: { first_param: 7, second: { any_key: "any_value" } },
      add_tags: "tag1,tag2",
      remove_tags: "tag3",
    };
    expect(await post("/bots/1234/jobs/schedule", job)).toEqual({
      status: 200,
      body: { success: true, job_id: 1 },
    });
    expect((await post("/bots/1234/jobs/schedule", full)).body).toEqual({
      success: true,
      job_id: 2,
    });
    expect(fake.jobs.map((scheduled) => scheduled.params)).toEqual([job, full]);
    expect(fake.calls[0]?.headers.accept).toBe("application/json");
  });

  it.each([
    ["no target", { lead_id: 1 }, "script_id"],
    ["two targets", { trigger_code: "a", script_id: 1 }, "trigger_code"],
    ["a string lead_id", { trigger_code: "a", lead_id: "135" }, "lead_id"],
    ["a fractional run_after_sec", { trigger_code: "a", run_after_sec: 1.5 }, "run_after_sec"],
    ["an ISO run_at", { trigger_code: "a", run_at: "2021-01-21T21:00:00" }, "run_at"],
    ["an impossible run_at", { trigger_code: "a", run_at: "2021-02-30 10:00:00" }, "run_at"],
    ["run_at without seconds", { trigger_code: "a", run_at: "2021-01-21 21:00" }, "run_at"],
    ["a string is_periodic", { trigger_code: "a", is_periodic: "false" }, "is_periodic"],
    ["tags as an array", { trigger_code: "a", add_tags: ["x", "y"] }, "add_tags"],
    [
      "params as an array",
      { trigger_code: "a", script_request_params: [1] },
      "script_request_params",
    ],
    ["a null lead_id", { trigger_code: "a", lead_id: null }, "lead_id"],
    ["an unknown field", { trigger_code: "a", priority: 1 }, "priority"],
    ["a non-object body", [{ trigger_code: "a" }], "body"],
  ])("answers 422 for %s", async (_name, body, field) => {
    const answer = await post("/bots/1234/jobs/schedule", body);
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({
      message: expect.any(String),
      errors: { [field]: [expect.any(String)] },
    });
    expect(fake.jobs).toEqual([]);
  });

  it("calls a custom endpoint whose alias contains a slash and answers its return value", async () => {
    const params = { phone: "+79991234567" };
    expect(
      await post("/bots/1234/call/bridge/upsert-lead", { script_request_params: params }),
    ).toEqual({
      status: 200,
      body: { lead_id: 135, echo: params },
    });
    const empty = await post("/bots/1234/call/async/empty", { script_request_params: {} });
    expect(empty).toEqual({ status: 200, body: null });
  });

  it.each([
    ["an unknown alias", "/bots/1234/call/nope", { script_request_params: {} }, 404],
    ["bare params", "/bots/1234/call/bridge/upsert-lead", { phone: "1" }, 422],
    ["extra keys", "/bots/1234/call/bridge/upsert-lead", { script_request_params: {}, x: 1 }, 422],
  ])("answers %s with %i", async (_name, path, body, status) => {
    expect((await post(path, body)).status).toBe(status);
  });

  it("uses endpoints added while running", async () => {
    fake.setEndpoint("late", (params) => ({ got: params.n }));
    expect((await post("/bots/1234/call/late", { script_request_params: { n: 2 } })).body).toEqual({
      got: 2,
    });
  });

  it("checks a configured header and scheme", async () => {
    const custom = createFakeMetabot({
      botId: 1,
      token: "t",
      authHeader: "X-Api-Key",
      authScheme: "",
    });
    const started = await custom.start();
    try {
      const send = (headers: Record<string, string>) =>
        fetch(`${started.url}/api/v1/bots/1/jobs/schedule`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify({ script_id: 1 }),
        });
      expect((await send({ "x-api-key": "t" })).status).toBe(200);
      expect((await send({ authorization: "Bearer t" })).status).toBe(401);
    } finally {
      await custom.close();
    }
  });

  it.each([
    ["GET on a route", "GET", "/api/v1/bots/1234/jobs/schedule", 405],
    ["an unknown path", "POST", "/api/v2/bots/1234/jobs/schedule", 404],
  ])("answers %s with %i", async (_name, method, path, status) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.status).toBe(status);
  });
});
