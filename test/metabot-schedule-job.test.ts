import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startMetabotBridge, type MetabotBridge } from "./start-metabot-bridge.ts";

/**
 * metabot.schedule_job end to end: a webhook into a real bridge, out to a loopback Metabot that
 * checks the token and validates each body as the reference says.
 */
const KINDS = [
  ["script_id", 11],
  ["script_code", "welcome"],
  ["trigger_id", 12],
  ["trigger_code", "crm_new_deal"],
  ["broadcast_id", 13],
  ["broadcast_code", "promo"],
] as const;

const routes = `${KINDS.map(
  ([key, value]) => `
  - id: kind-${key}
    source: crm
    when: { equals: { body.kind: ${key} } }
    actions:
      - metabot.schedule_job: { ${key}: ${JSON.stringify(value)}, lead_id: "{{ body.lead_id }}" }`,
).join("")}
  - id: at
    source: crm
    when: { exists: body.at }
    actions:
      - metabot.schedule_job: { trigger_code: remind, lead_id: 135, run_at: "{{ body.at }}" }
  - id: nested
    source: crm
    when: { exists: body.deal }
    actions:
      - metabot.schedule_job:
          script_code: deal
          lead_id: "{{ body.lead_id }}"
          run_after_sec: "{{ body.delay }}"
          script_request_params:
            deal_id: "{{ body.deal.id }}"
            amount: "{{ body.deal.amount }}"
            vip: "{{ body.deal.vip }}"
            items: "{{ body.deal.items }}"
            contact: { name: "{{ body.name }}", phones: ["{{ $phone(body.phone) }}"] }
            missing: "{{ body.nothing }}"
            fixed: 7
          add_tags: [crm, "{{ body.deal.stage }}"]
          remove_tags: "waiting, new"
          is_periodic: false
          condition_script_code: "return true;"
  - id: quiet
    source: crm
    when: { exists: body.quiet }
    actions:
      - metabot.schedule_job: { script_id: 1, include_event_id: false }
  - id: clash
    source: crm
    when: { exists: body.both }
    actions:
      - metabot.schedule_job: { trigger_code: "{{ body.both }}", script_code: "{{ body.both }}" }
`;

let b: MetabotBridge;

beforeEach(async () => {
  b = await startMetabotBridge(routes);
});

afterEach(async () => {
  await b.stop();
});

describe("metabot.schedule_job", () => {
  it.each(KINDS)("schedules a job by %s, lead id digits sent as a number", async (key, value) => {
    const eventId = await b.post({ kind: key, lead_id: "135" });
    const [delivery] = await b.t.settle();
    expect(delivery?.status).toBe("succeeded");
    expect(b.fake.jobs.map((job) => job.params)).toEqual([
      { [key]: value, lead_id: 135, script_request_params: { event_id: eventId } },
    ]);
    const call = b.fake.calls[0];
    expect(call?.path).toBe("/api/v1/bots/1234/jobs/schedule");
    expect(call?.headers).toMatchObject({
      authorization: `Bearer ${b.token}`,
      accept: "application/json",
      "content-type": "application/json",
    });
    expect(delivery?.outputs["0"]).toEqual({ success: true, job_id: 1 });
    const [attempt] = await b.t.attemptsOf(eventId);
    expect(attempt?.exchanges[0]?.request_headers.authorization).toBe("***");
    expect(JSON.stringify(attempt)).not.toContain(b.token);
  });

  it.each([
    ["an ISO time in +05:00", "2026-11-24T10:00:00+05:00", "2026-11-24 08:00:00"],
    ["an ISO time in UTC across midnight", "2026-12-31T22:30:00Z", "2027-01-01 01:30:00"],
    ["epoch seconds", 1_795_000_000, "2026-11-18 14:06:40"],
    ["a time without a zone (already server time)", "2026-06-01 09:15:00", "2026-06-01 09:15:00"],
    ["an ISO time without a zone or seconds", "2026-06-01T09:15", "2026-06-01 09:15:00"],
    ["a date alone", "2026-06-01", "2026-06-01 00:00:00"],
  ])("sends run_at from %s in the Metabot server's zone", async (_name, at, sent) => {
    await b.post({ at });
    await b.t.settle();
    expect(b.fake.jobs[0]?.params.run_at).toBe(sent);
    expect(b.fake.jobs[0]?.params).not.toHaveProperty("run_after_sec");
  });

  it("keeps the types of nested script_request_params and joins tags", async () => {
    const eventId = await b.post({
      lead_id: 77,
      delay: "300",
      name: "Анна",
      phone: "8 (999) 123-45-67",
      deal: {
        id: 42,
        amount: 1500.5,
        vip: true,
        stage: "won",
        items: [
          { sku: "a-1", qty: 2 },
          { sku: "b-2", qty: 1, extra: null },
        ],
      },
    });
    const [delivery] = await b.t.settle();
    expect(delivery?.status).toBe("succeeded");
    expect(b.fake.jobs[0]?.params).toEqual({
      script_code: "deal",
      lead_id: 77,
      run_after_sec: 300,
      is_periodic: false,
      condition_script_code: "return true;",
      script_request_params: {
        event_id: eventId,
        deal_id: 42,
        amount: 1500.5,
        vip: true,
        items: [
          { sku: "a-1", qty: 2 },
          { sku: "b-2", qty: 1, extra: null },
        ],
        contact: { name: "Анна", phones: ["+79991234567"] },
        fixed: 7,
      },
      add_tags: "crm,won",
      remove_tags: "waiting,new",
    });
  });

  it("leaves event_id out when include_event_id is false", async () => {
    await b.post({ quiet: true });
    await b.t.settle();
    expect(b.fake.jobs[0]?.params).toEqual({ script_id: 1 });
  });

  it.each([
    [
      "x",
      /^invalid_params: metabot\.schedule_job\.trigger_code: expected only one job target .*found script_code and trigger_code/,
    ],
    [
      "{{ looks like a template }}",
      /^invalid_params: expected one job target, found script_code, trigger_code/,
    ],
  ])(
    "fails without calling Metabot when the rendered job has two targets (%s)",
    async (both, error) => {
      await b.post({ both });
      const [delivery] = await b.t.settle();
      expect(delivery?.status).toBe("failed");
      expect(delivery?.last_error).toMatch(error);
      expect(b.fake.count).toBe(0);
    },
  );

  it("fails a lead id below 1 before sending, and Metabot's 422 with its answer", async () => {
    const zero = await b.post({ kind: "script_id", lead_id: "0" });
    await b.t.settle();
    const [local] = await b.t.attemptsOf(zero);
    expect([local?.outcome, local?.error_code]).toEqual(["failed", "invalid_params"]);
    expect(local?.error_message).toMatch(/lead_id/);
    expect(b.fake.count).toBe(0);
    b.fake.failNext({
      status: 422,
      body: { message: "The lead id is invalid.", errors: { lead_id: ["bad"] } },
    });
    const rejected = await b.post({ kind: "script_id", lead_id: 9 });
    await b.t.settle();
    const [answer] = await b.t.attemptsOf(rejected);
    expect([answer?.outcome, answer?.error_code]).toEqual(["failed", "http_422"]);
    expect(answer?.response_body).toContain("The lead id is invalid.");
  });

  it("retries a 503, then schedules once", async () => {
    b.fake.failNext({ status: 503 });
    const retried = await b.post({ kind: "trigger_id", lead_id: 5 });
    await b.t.settle();
    b.t.advance(10_000);
    await b.t.settle();
    expect((await b.t.attemptsOf(retried)).map((a) => [a.outcome, a.error_code])).toEqual([
      ["retry", "http_503"],
      ["ok", null],
    ]);
    expect(b.fake.jobs).toHaveLength(1);
  });
});
