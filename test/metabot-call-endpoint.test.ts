import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startMetabotBridge, type MetabotBridge } from "./start-metabot-bridge.ts";

/**
 * metabot.call_endpoint end to end, its answer feeding a later schedule_job, against the
 * loopback Metabot.
 */
const routes = `
  - id: lookup
    source: crm
    when: { exists: body.phone_only }
    actions:
      - id: lead
        metabot.call_endpoint:
          alias: bridge/upsert-lead
          script_request_params: { phone: "{{ $phone(body.phone_only) }}" }
      - metabot.schedule_job:
          trigger_code: welcome
          lead_id: "{{ steps.lead.lead_id }}"
          script_request_params: { created: "{{ steps.lead.created }}" }
`;

let b: MetabotBridge;

afterEach(async () => {
  await b.stop();
});

describe("metabot.call_endpoint", () => {
  beforeEach(async () => {
    b = await startMetabotBridge(routes, {
      fake: {
        endpoints: {
          "bridge/upsert-lead": (params) => ({
            lead_id: 135,
            created: params.phone === "+79991234567",
          }),
        },
      },
    });
  });

  it("feeds the endpoint's answer to a later schedule_job's lead_id", async () => {
    const eventId = await b.post({ phone_only: "+7 999 123-45-67" });
    const [delivery] = await b.t.settle();
    expect(delivery?.status).toBe("succeeded");
    expect(b.fake.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      "POST /api/v1/bots/1234/call/bridge/upsert-lead",
      "POST /api/v1/bots/1234/jobs/schedule",
    ]);
    expect(b.fake.calls[0]?.body).toEqual({
      script_request_params: { event_id: eventId, phone: "+79991234567" },
    });
    expect(delivery?.outputs["0"]).toEqual({ lead_id: 135, created: true });
    expect(b.fake.jobs[0]?.params).toEqual({
      trigger_code: "welcome",
      lead_id: 135,
      script_request_params: { event_id: eventId, created: true },
    });
  });

  it("retries when the endpoint fails (500), without scheduling", async () => {
    b.fake.setEndpoint("bridge/upsert-lead", () => {
      throw new Error("boom");
    });
    await b.post({ phone_only: "+79991234567" });
    await b.t.settle();
    const [delivery] = await b.t.deliveries();
    expect(delivery?.status).toBe("pending");
    expect(delivery?.last_error).toMatch(/^http_500/);
    expect(b.fake.jobs).toEqual([]);
  });
});
