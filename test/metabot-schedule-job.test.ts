import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startMetabotBridge, type MetabotBridge } from "./start-metabot-bridge.ts";

/**
 * metabot.schedule_job end to end: a webhook into a real bridge, out to a loopback Metabot that
 * checks the token and validates each body as the reference says. What one job's body holds
 * (job targets, run_at, event_id) is tested on the action alone, beside it.
 */
const routes = `
  - id: kind-script_id
    source: crm
    when: { equals: { body.kind: script_id } }
    actions:
      - metabot.schedule_job: { script_id: 11, lead_id: "{{ body.lead_id }}" }
  - id: kind-trigger_id
    source: crm
    when: { equals: { body.kind: trigger_id } }
    actions:
      - metabot.schedule_job: { trigger_id: 12, lead_id: "{{ body.lead_id }}" }
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
`;

let b: MetabotBridge;

beforeEach(async () => {
  b = await startMetabotBridge(routes);
});

afterEach(async () => {
  await b.stop();
});

describe("metabot.schedule_job", () => {
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
