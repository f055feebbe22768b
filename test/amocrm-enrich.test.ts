import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { createFakeAmocrm, type FakeAmocrm } from "./fakes/fake-amocrm.ts";
import { createFakeBothelp, type FakeBothelp } from "./fakes/fake-bothelp.ts";
import { readFixture } from "./read-fixture.ts";
import { startBridge, type TestBridge } from "./start-bridge.ts";
import { createTestClock } from "./test-clock.ts";

/**
 * The enrichment chain of examples/amocrm-enrich.yaml, as written, on amoCRM's real short
 * webhook (ids only): lead -> its main contact -> phone -> BotHelp subscriber -> lead id in a
 * custom field, then the flow. Against the amoCRM and BotHelp fakes, and in dry run.
 */
const yaml = readFileSync(new URL("../examples/amocrm-enrich.yaml", import.meta.url), "utf8");
const fixture = readFixture("amocrm-lead-status-short.form");
const LEAD_ID = 10754147;
const FLOW = "c1723106923822";
const AMO_TOKEN = "amo-token-abcdef";

let amocrm: FakeAmocrm;
let bothelp: FakeBothelp;
let t: TestBridge;

afterEach(async () => {
  await t.stop();
  await amocrm.close();
  await bothelp.close();
});

/**
 * The example served against both fakes ("live"), against the amoCRM fake with BotHelp in dry
 * run ("bothelp_dry_run"), or with no variable set at all ("dry_run").
 */
async function start(
  mode: "live" | "bothelp_dry_run" | "dry_run",
  mainContact: { phone?: string } = {},
): Promise<void> {
  const clock = createTestClock(Date.now());
  amocrm = createFakeAmocrm({
    token: AMO_TOKEN,
    leads: { [LEAD_ID]: { contactIds: [501, 502], statusId: 54423922 } },
    contacts: {
      501: { name: "Иван Петров", email: "ivan@example.com", ...mainContact },
      502: { name: "Second", phone: "+7 (900) 000-00-00" },
    },
  });
  bothelp = createFakeBothelp({
    now: () => clock.now(),
    bots: [{ title: "amoCRM: stage reached", referral: FLOW }],
  });
  await amocrm.start();
  const { url } = await bothelp.start();
  const amocrmEnv = {
    AMOCRM_BASE_URL: amocrm.url,
    AMOCRM_TOKEN: AMO_TOKEN,
    AMOCRM_DRY_RUN: "false",
  };
  const bothelpEnv = {
    BOTHELP_API_URL: url,
    BOTHELP_TOKEN_URL: `${url}/oauth2/token`,
    BOTHELP_CLIENT_ID: bothelp.clientId,
    BOTHELP_CLIENT_SECRET: bothelp.clientSecret,
    BOTHELP_DRY_RUN: "false",
  };
  const env = {
    live: { ...amocrmEnv, ...bothelpEnv },
    bothelp_dry_run: amocrmEnv,
    dry_run: {},
  }[mode];
  t = await startBridge(yaml, { env, clock });
}

const amocrmCalls = () => amocrm.calls.map((c) => [c.method, c.path, c.query]);
/** Calls about subscribers: not the token, not serve's check of the flow referral. */
const subscriberCalls = () =>
  bothelp.calls
    .filter((c) => c.path.startsWith("/v1/subscribers/"))
    .map((c) => [c.method, c.path, c.method === "GET" ? c.query : c.body]);

async function postFixture(body = fixture.body): Promise<string> {
  const answer = await t.post("amocrm", body, fixture.headers);
  expect(answer.status).toBe(200);
  return (answer.json as { event_id: string }).event_id;
}

describe("examples/amocrm-enrich.yaml", () => {
  it("reads the lead and its main contact once, waits for that phone in BotHelp, then starts the flow", async () => {
    await start("live", { phone: "+7 (999) 123-45-67" });
    await postFixture();
    const [waiting] = await t.settle();
    expect(waiting).toMatchObject({ status: "pending", attempts: 0, next_action: 2 });
    expect(waiting?.last_error).toBe(
      "subscriber_not_found: no BotHelp subscriber with phone +79991234567 yet; looking again later",
    );

    bothelp.addSubscriber({ id: 7, cuid: "ab.7", phone: "+79991234567" });
    t.advance(60_000);
    const [delivery] = await t.settle();
    expect(delivery?.status).toBe("succeeded");
    expect(amocrmCalls()).toEqual([
      ["GET", `/api/v4/leads/${LEAD_ID}`, { with: "contacts" }],
      ["GET", "/api/v4/contacts/501", {}],
    ]);
    const lookup = ["GET", "/v1/subscribers/", { phone: "+79991234567" }];
    expect(subscriberCalls()).toEqual([
      lookup,
      lookup,
      [
        "PATCH",
        "/v1/subscribers/7/customFields",
        [{ op: "replace", path: "/amocrm_lead_id", value: String(LEAD_ID) }],
      ],
      ["POST", "/v1/subscribers/7/bot", { botReferral: FLOW }],
    ]);
    expect(bothelp.subscriber(7)).toMatchObject({
      customFields: { amocrm_lead_id: String(LEAD_ID) },
      bots: [{ botReferral: FLOW, stepReferral: null }],
    });
    const attempts = await t.bridge.store.listAttempts(delivery?.id ?? "");
    expect(attempts.map((a) => [a.action_type, a.outcome])).toEqual([
      ["http.request", "ok"],
      ["http.request", "ok"],
      ["bothelp.set_custom_fields", "wait"],
      ["bothelp.set_custom_fields", "ok"],
      ["bothelp.start_flow", "ok"],
    ]);
    const recorded = JSON.stringify(attempts);
    expect(recorded).not.toContain(AMO_TOKEN);
    expect(recorded).not.toContain(bothelp.clientSecret);
  });

  it("fails when amoCRM does not know the lead, asking BotHelp nothing", async () => {
    await start("live", { phone: "+7 (999) 123-45-67" });
    await postFixture(Buffer.from(fixture.body.toString("utf8").replace(String(LEAD_ID), "999")));
    const [delivery] = await t.settle();
    expect(delivery?.status).toBe("failed");
    expect(delivery?.last_error).toMatch(/^http_404/);
    expect(amocrmCalls()).toEqual([["GET", "/api/v4/leads/999", { with: "contacts" }]]);
    expect(subscriberCalls()).toEqual([]);
  });

  it("skips BotHelp when the main contact has no phone", async () => {
    await start("live");
    await postFixture();
    const [delivery] = await t.settle();
    expect(delivery?.status).toBe("succeeded");
    expect(amocrmCalls()).toHaveLength(2);
    expect(subscriberCalls()).toEqual([]);
    const attempts = await t.bridge.store.listAttempts(delivery?.id ?? "");
    expect(attempts.map((a) => [a.action_type, a.outcome])).toEqual([
      ["http.request", "ok"],
      ["http.request", "ok"],
      ["bothelp.set_custom_fields", "skipped"],
      ["bothelp.start_flow", "skipped"],
    ]);
  });

  it("runs the whole chain in dry run with no variable set, on the example's dry-run answers, sending nothing", async () => {
    await start("dry_run");
    await postFixture();
    const [delivery] = await t.settle();
    expect(delivery?.status).toBe("succeeded");
    expect(amocrm.count + bothelp.count).toBe(0);
    const attempts = await t.bridge.store.listAttempts(delivery?.id ?? "");
    expect(attempts.map((a) => [a.action_type, a.outcome])).toEqual([
      ["http.request", "dry_run"],
      ["http.request", "dry_run"],
      ["bothelp.set_custom_fields", "dry_run"],
      ["bothelp.start_flow", "dry_run"],
    ]);
    // The lead's dry_run_answer names main contact 501, whose answer has the phone BotHelp's
    // (built-in) lookup answer finds as subscriber 92.
    expect(attempts.flatMap((a) => a.exchanges.map((e) => [e.method, e.url]))).toEqual([
      ["GET", `https://example.amocrm.ru/api/v4/leads/${LEAD_ID}?with=contacts`],
      ["GET", "https://example.amocrm.ru/api/v4/contacts/501"],
      ["GET", "https://api.bothelp.io/v1/subscribers/?phone=%2B79991234567"],
      ["PATCH", "https://api.bothelp.io/v1/subscribers/92/customFields"],
      ["POST", "https://api.bothelp.io/v1/subscribers/92/bot"],
    ]);
    expect(JSON.parse(attempts[0]?.response_body ?? "null")).toMatchObject({
      id: LEAD_ID,
      _embedded: { contacts: [{ id: 501, is_main: true }] },
    });
  });

  it("reads amoCRM and records what BotHelp would get when only BotHelp is in dry run", async () => {
    await start("bothelp_dry_run", { phone: "8 999 123-45-67" });
    await postFixture();
    const [delivery] = await t.settle();
    expect(delivery?.status).toBe("succeeded");
    expect(amocrmCalls()).toHaveLength(2);
    expect(bothelp.count).toBe(0);
    const attempts = await t.bridge.store.listAttempts(delivery?.id ?? "");
    expect(attempts.map((a) => a.outcome)).toEqual(["ok", "ok", "dry_run", "dry_run"]);
    const bothelpRequests = attempts
      .slice(2)
      .flatMap((a) => a.exchanges.map((e) => [e.method, e.url, e.request_body]));
    expect(bothelpRequests).toEqual([
      ["GET", "https://api.bothelp.io/v1/subscribers/?phone=%2B79991234567", undefined],
      [
        "PATCH",
        "https://api.bothelp.io/v1/subscribers/92/customFields",
        [{ op: "replace", path: "/amocrm_lead_id", value: String(LEAD_ID) }],
      ],
      ["POST", "https://api.bothelp.io/v1/subscribers/92/bot", { botReferral: FLOW }],
    ]);
  });
});
