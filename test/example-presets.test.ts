import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { readFixture } from "./read-fixture.ts";
import { startBridge, type TestBridge } from "./start-bridge.ts";
import { createTestClock } from "./test-clock.ts";

/**
 * The preset examples as written, with the reference fixtures and their test secrets: each
 * request is accepted and its route would send (dry run) the values the example promises.
 */
const FROZEN = 1_735_689_600_000;
const env = {
  TILDA_TOKEN: "t-token",
  JOTFORM_TOKEN: "j-token",
  ELEMENTOR_TOKEN: "e-token",
  GETCOURSE_TOKEN: "CHANGE_ME",
  GFORMS_TOKEN: "g-token",
  TYPEFORM_SECRET: "typeform-test-secret",
  TALLY_SIGNING_SECRET: "tally-test-signing-secret",
  WEBFLOW_OLD_SECRET: "webflow-test-secret",
  AMOCRM_HOOK_TOKEN: "a-token",
  BITRIX24_APP_TOKEN: "jvh9y1ulvt2m6k5or90v9mg8nn32ozas",
  HUBSPOT_CLIENT_SECRET: "hubspot-test-client-secret",
  PIPEDRIVE_HOOK_PASSWORD: "pd-test-password",
  STRIPE_WEBHOOK_SECRET: "whsec_test",
  CALENDLY_SIGNING_KEY: "calendly-test-key",
};

let t: TestBridge;
afterEach(async () => {
  await t.stop();
});

async function start(example: string): Promise<void> {
  const yaml = readFileSync(new URL(`../examples/${example}`, import.meta.url), "utf8");
  t = await startBridge(yaml, { env, clock: createTestClock(FROZEN) });
}

/** What each delivery of the settled bridge would have sent, by route. */
async function sent(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const delivery of await t.settle()) {
    const [attempt] = await t.bridge.store.listAttempts(delivery.id);
    const exchange = attempt?.exchanges[0];
    out[delivery.route_id] = exchange?.request_body ?? exchange?.url;
  }
  return out;
}

async function post(
  source: string,
  fixture: string,
  query = "",
  extra: Record<string, string> = {},
) {
  const f = readFixture(fixture);
  const response = await t.post(source, f.body, { ...f.headers, ...extra }, query);
  expect(response.status).toBe(200);
}

const contact = { phone: "+79991234567", email: "ivan.petrov@example.com" };

describe("examples", () => {
  it("forms-url-token.yaml: Tilda, Jotform, Elementor, GetCourse, Google Forms", async () => {
    await start("forms-url-token.yaml");
    await post("tilda", "tilda-test.form", "token=t-token");
    await post("tilda", "tilda-form-submit.form", "token=t-token");
    await post("jotform", "jotform-submission.txt", "token=j-token");
    await post("elementor", "elementor-form-submit.form", "token=e-token");
    const query = readFixture("getcourse-deal-callback.form").body.toString("utf8");
    expect((await t.post("getcourse", "", {}, query)).status).toBe(200);
    await post("gforms", "googleforms-apps-script-submit.json", "", {
      "x-bridge-token": "g-token",
    });
    expect(await sent()).toEqual({
      "tilda-contact": { name: "Иван", ...contact },
      "jotform-contact": { name: "Ivan Petrov", phone: "+79991234567", email: contact.email },
      "elementor-contact": { name: "Иван", ...contact },
      "getcourse-paid": { deal: "123456789", ...contact },
      "gforms-contact": contact,
    });
    expect((await t.bridge.store.stats()).events).toBe(5);
  });

  it("signed-forms.yaml: Typeform, Tally, Webflow (old secret still accepted)", async () => {
    await start("signed-forms.yaml");
    await post("typeform", "typeform-form-response.json");
    await post("tally", "tally-form-response.json");
    await post("webflow", "webflow-form-submission.json");
    expect(await sent()).toEqual({
      "typeform-contact": {
        email: "laura@example.com",
        phone: "+79991234567",
        bot_user: "abc123456",
      },
      "tally-contact": { ...contact, utm_source: "telegram" },
      "webflow-contact": {
        name: "Zaphod Beeblebrox",
        phone: "15550000000",
        email: "zaphod@heartofgold.ai",
      },
    });
  });

  it("crm-events.yaml: amoCRM, Bitrix24, a HubSpot batch, Pipedrive", async () => {
    await start("crm-events.yaml");
    await post("amocrm", "amocrm-lead-add.form", "token=a-token");
    await post("bitrix24", "bitrix24-lead-add.form");
    await post("hubspot", "hubspot-contact-events.json");
    await post("pipedrive", "pipedrive-person-create.json");
    expect(await sent()).toEqual({
      "amocrm-new-lead": "https://example.amocrm.ru/api/v4/leads/32966269?with=contacts",
      "bitrix24-new-lead": "https://example.bitrix24.ru/rest/1/none/crm.lead.get.json?id=1000983",
      "hubspot-new-contact":
        "https://api.hubapi.com/crm/v3/objects/contacts/1246978?properties=email%2Cphone%2Cmobilephone",
      "pipedrive-new-person": { name: "Ivan Petrov", ...contact },
    });
    expect((await t.bridge.store.stats()).events).toBe(5);
  });

  it("signed-payments.yaml: Stripe and Calendly t=,v1= signatures", async () => {
    await start("signed-payments.yaml");
    const sign = (secret: string, body: string) => {
      const ts = String(FROZEN / 1000);
      return `t=${ts},v1=${createHmac("sha256", secret).update(`${ts}.${body}`).digest("hex")}`;
    };
    const stripe = JSON.stringify({
      id: "evt_1",
      type: "checkout.session.completed",
      data: {
        object: {
          customer_details: { email: contact.email, phone: "+79991234567" },
          client_reference_id: "tg-42",
        },
      },
    });
    const calendly = JSON.stringify({
      event: "invitee.created",
      payload: {
        uri: "https://api.calendly.com/invitees/1",
        email: contact.email,
        text_reminder_number: "+7 999 123-45-67",
        scheduled_event: { start_time: "2025-01-02T10:00:00Z" },
      },
    });
    const json = { "content-type": "application/json" };
    expect(
      (await t.post("stripe", stripe, { ...json, "stripe-signature": sign("whsec_test", stripe) }))
        .status,
    ).toBe(200);
    const late = await t.post("calendly", calendly, {
      ...json,
      "calendly-webhook-signature": sign("wrong-key", calendly),
    });
    expect(late.status).toBe(401);
    expect(
      (
        await t.post("calendly", calendly, {
          ...json,
          "calendly-webhook-signature": sign("calendly-test-key", calendly),
        })
      ).status,
    ).toBe(200);
    expect(await sent()).toEqual({
      "stripe-paid": { ...contact, ref: "tg-42" },
      "calendly-booked": { ...contact, starts: "2025-01-02T10:00:00Z" },
    });
  });
});
