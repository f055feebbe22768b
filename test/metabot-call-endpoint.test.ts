import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeMetabot, type FakeMetabot } from "./fakes/fake-metabot.ts";
import { startBridge, type TestBridge } from "./start-bridge.ts";

/**
 * metabot.call_endpoint end to end, its answer feeding a later schedule_job, and a target's auth
 * header settings, against the loopback Metabot.
 */
const TOKEN = "mb-token-0123456789";

const yaml = `
version: 1
delivery: { poll_interval: 20ms, retry: [10s] }
targets:
  bot:
    type: metabot
    base_url: \${METABOT_URL}/api/v1
    bot_id: 1234
    token: \${METABOT_TOKEN}
sources:
  crm:
routes:
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

let metabot: FakeMetabot;
let t: TestBridge;

beforeEach(async () => {
  metabot = createFakeMetabot({
    botId: 1234,
    token: TOKEN,
    endpoints: {
      "bridge/upsert-lead": (params) => ({
        lead_id: 135,
        created: params.phone === "+79991234567",
      }),
    },
  });
  const { url } = await metabot.start();
  t = await startBridge(yaml, { env: { METABOT_URL: url, METABOT_TOKEN: TOKEN } });
});

afterEach(async () => {
  await t.stop();
  await metabot.close();
});

async function post(body: Record<string, unknown>): Promise<string> {
  const response = await t.post("crm", JSON.stringify(body), {
    "content-type": "application/json",
  });
  expect(response.status).toBe(200);
  return (response.json as { event_id: string }).event_id;
}

describe("metabot.call_endpoint", () => {
  it("feeds the endpoint's answer to a later schedule_job's lead_id", async () => {
    const eventId = await post({ phone_only: "+7 999 123-45-67" });
    const [delivery] = await t.settle();
    expect(delivery?.status).toBe("succeeded");
    expect(metabot.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      "POST /api/v1/bots/1234/call/bridge/upsert-lead",
      "POST /api/v1/bots/1234/jobs/schedule",
    ]);
    expect(metabot.calls[0]?.body).toEqual({
      script_request_params: { event_id: eventId, phone: "+79991234567" },
    });
    expect(delivery?.outputs["0"]).toEqual({ lead_id: 135, created: true });
    expect(metabot.jobs[0]?.params).toEqual({
      trigger_code: "welcome",
      lead_id: 135,
      script_request_params: { event_id: eventId, created: true },
    });
  });

  it("retries when the endpoint fails (500), without scheduling", async () => {
    metabot.setEndpoint("bridge/upsert-lead", () => {
      throw new Error("boom");
    });
    await post({ phone_only: "+79991234567" });
    await t.settle();
    const [delivery] = await t.deliveries();
    expect(delivery?.status).toBe("pending");
    expect(delivery?.last_error).toMatch(/^http_500/);
    expect(metabot.jobs).toEqual([]);
  });
});

describe("a Metabot target's auth settings", () => {
  it("sends the token in a configured header without a scheme, masked in the attempt", async () => {
    const custom = createFakeMetabot({
      botId: 9,
      token: "raw-token-777",
      authHeader: "Authentication",
      authScheme: "",
    });
    await custom.start();
    const bridge = await startBridge(
      `
version: 1
delivery: { poll_interval: 20ms }
targets:
  bot:
    type: metabot
    base_url: \${URL}/api/v1
    bot_id: 9
    token: \${TOKEN}
    auth_header: Authentication
    auth_scheme: ""
    timezone: Asia/Vladivostok
sources:
  crm:
routes:
  - id: r
    source: crm
    actions:
      - metabot.schedule_job: { script_code: hi, run_at: "{{ body.at }}" }
`,
      { env: { URL: custom.url, TOKEN: "raw-token-777" } },
    );
    try {
      await bridge.post("crm", JSON.stringify({ at: "2026-11-24T00:00:00Z" }), {
        "content-type": "application/json",
      });
      const [delivery] = await bridge.settle();
      expect(delivery?.status).toBe("succeeded");
      expect(custom.calls[0]?.headers.authentication).toBe("raw-token-777");
      expect(custom.calls[0]?.headers).not.toHaveProperty("authorization");
      expect(custom.jobs[0]?.params.run_at).toBe("2026-11-24 10:00:00");
      const attempts = delivery ? await bridge.bridge.store.listAttempts(delivery.id) : [];
      expect(JSON.stringify(attempts)).not.toContain("raw-token-777");
    } finally {
      await bridge.stop();
      await custom.close();
    }
  });
});
