import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeAmocrm, type FakeAmocrm } from "./fakes/fake-amocrm.ts";
import { createFakeMetabot, type FakeMetabot } from "./fakes/fake-metabot.ts";
import { readFixture } from "./read-fixture.ts";
import { startBridge, type TestBridge } from "./start-bridge.ts";

/**
 * The enrichment chain of examples/amocrm-enrich.yaml, as written, on amoCRM's real short
 * webhook (ids only): lead -> its main contact -> phone -> metabot.schedule_job.
 */
const EXAMPLE = readFileSync(
  join(import.meta.dirname, "..", "examples", "amocrm-enrich.yaml"),
  "utf8",
);
const LEAD_ID = 10754147;
const AMO_TOKEN = "amo-token-abcdef";
const MB_TOKEN = "mb-token-123456";

let amocrm: FakeAmocrm;
let metabot: FakeMetabot;
let t: TestBridge;

beforeEach(async () => {
  amocrm = createFakeAmocrm({
    token: AMO_TOKEN,
    leads: { [LEAD_ID]: { contactIds: [501, 502], statusId: 54423922 } },
    contacts: {
      501: { name: "Иван Петров", phone: "+7 (999) 123-45-67", email: "ivan@example.com" },
      502: { name: "Second", phone: "+7 (900) 000-00-00" },
    },
  });
  metabot = createFakeMetabot({ botId: 77, token: MB_TOKEN });
  await amocrm.start();
  await metabot.start();
  t = await startBridge(EXAMPLE, {
    env: {
      AMOCRM_BASE_URL: amocrm.url,
      AMOCRM_TOKEN: AMO_TOKEN,
      AMOCRM_DRY_RUN: "false",
      METABOT_BASE_URL: `${metabot.url}/api/v1`,
      METABOT_BOT_ID: "77",
      METABOT_TOKEN: MB_TOKEN,
      METABOT_DRY_RUN: "false",
    },
  });
});

afterEach(async () => {
  await t.stop();
  await amocrm.close();
  await metabot.close();
});

describe("examples/amocrm-enrich.yaml", () => {
  it("turns amoCRM's ids-only webhook into a Metabot job carrying the contact's phone", async () => {
    const fixture = readFixture("amocrm-lead-status-short.form");
    const answer = await t.post("amocrm", fixture.body, fixture.headers);
    expect(answer.status).toBe(200);
    const eventId = (answer.json as { event_id: string }).event_id;
    const [delivery] = await t.settle();
    expect(delivery?.status).toBe("succeeded");
    expect(amocrm.calls.map((c) => [c.method, c.path, c.query])).toEqual([
      ["GET", `/api/v4/leads/${LEAD_ID}`, { with: "contacts" }],
      ["GET", "/api/v4/contacts/501", {}],
    ]);
    expect(metabot.jobs.map((job) => job.params)).toEqual([
      {
        trigger_code: "amocrm_stage_reached",
        run_after_sec: 0,
        script_request_params: {
          event_id: eventId,
          phone: "+79991234567",
          name: "Иван Петров",
          amocrm: {
            lead_id: LEAD_ID,
            status_id: 54423922,
            pipeline_id: 6344290,
            account: "anyor",
          },
        },
        add_tags: "amocrm",
      },
    ]);
    const attempts = delivery ? await t.bridge.store.listAttempts(delivery.id) : [];
    expect(attempts.map((a) => [a.action_type, a.outcome])).toEqual([
      ["http.request", "ok"],
      ["http.request", "ok"],
      ["metabot.schedule_job", "ok"],
    ]);
    const recorded = JSON.stringify(attempts);
    expect(recorded).not.toContain(AMO_TOKEN);
    expect(recorded).not.toContain(MB_TOKEN);
  });

  it("fails at the lead lookup when amoCRM does not know the lead, scheduling nothing", async () => {
    const fixture = readFixture("amocrm-lead-status-short.form");
    const body = Buffer.from(fixture.body.toString("utf8").replace(String(LEAD_ID), "999"));
    await t.post("amocrm", body, fixture.headers);
    const [delivery] = await t.settle();
    expect(delivery?.status).toBe("failed");
    expect(delivery?.last_error).toMatch(/^http_404/);
    expect(metabot.count).toBe(0);
  });

  it("runs in dry run with no credentials: nothing is sent", async () => {
    await t.stop();
    t = await startBridge(EXAMPLE);
    const fixture = readFixture("amocrm-lead-status-short.form");
    await t.post("amocrm", fixture.body, fixture.headers);
    const [delivery] = await t.settle();
    expect(delivery?.status).toBe("succeeded");
    const attempts = delivery ? await t.bridge.store.listAttempts(delivery.id) : [];
    expect(attempts.map((a) => a.outcome)).toEqual(["dry_run", "dry_run", "dry_run"]);
    expect(amocrm.count + metabot.count).toBe(0);
  });
});
