import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createActions } from "../src/actions/actions.ts";
import { explainRequest, type Explanation } from "../src/admin/explain-request.ts";
import type { Config } from "../src/config/config.ts";
import { loadConfig } from "../src/config/load-config.ts";
import { readFixture } from "./read-fixture.ts";
import { fixtureArgs, runBotbridge } from "./run-botbridge.ts";

const CONFIG = join(import.meta.dirname, "config", "fixture-sources.yaml");
const actions = createActions();
let config: Config;

beforeAll(async () => {
  const loaded = await loadConfig(CONFIG, { actions, env: {} });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  config = loaded.config;
});

async function explain(
  source: string,
  fixture: string,
  asQuery = false,
  answers: Record<string, unknown> = {},
): Promise<Explanation> {
  const { body, headers } = readFixture(fixture);
  return explainRequest(
    config,
    new Map(actions.map((a) => [a.type, a])),
    {
      source,
      method: "POST",
      path: `/hooks/${source}`,
      query: asQuery ? body.toString("utf8") : "",
      headers,
      raw: asQuery ? Buffer.alloc(0) : body,
      remote_address: "127.0.0.1",
    },
    Date.now(),
    new Map(Object.entries(answers)),
  );
}

type Check = (e: Explanation) => void;
const body = (e: Explanation) => e.event.body as Record<string, any>;

describe("every reference fixture comes out as the structured body its sender meant", () => {
  it.each<[string, string, Check, boolean?]>([
    [
      "amocrm",
      "amocrm-lead-status-short.form",
      (e) => {
        expect(body(e).leads.status[0]).toEqual({
          id: "10754147",
          status_id: "54423922",
          pipeline_id: "6344290",
          old_status_id: "54435014",
          old_pipeline_id: "6344290",
        });
        expect(body(e).account).toEqual({ id: "30307558", subdomain: "anyor" });
      },
    ],
    [
      "amocrm",
      "amocrm-lead-add.form",
      (e) => {
        expect(body(e).leads.add[0]).toMatchObject({
          id: "32966269",
          name: "Заявка с сайта",
          price: "999",
          pipeline_id: "9621010",
        });
        expect(body(e).account._links.self).toBe("https://examplecorp.amocrm.ru");
      },
    ],
    [
      "amocrm",
      "amocrm-contact-update.form",
      (e) => {
        const contact = body(e).contacts.update[0];
        expect(contact.name).toBe("Иван Петров");
        expect(contact.custom_fields[1]).toMatchObject({
          code: "PHONE",
          values: [{ value: "+7 (999) 123-45-67", enum: "718321" }],
        });
        expect(contact.custom_fields[2].values[0].value).toBe("ivan.petrov@example.com");
      },
    ],
    [
      "bitrix24",
      "bitrix24-lead-add.form",
      (e) => {
        expect(body(e)).toMatchObject({
          event: "ONCRMLEADADD",
          data: { FIELDS: { ID: "1000983" } },
          ts: "1766047124",
        });
        expect(body(e).auth.application_token).toBe("jvh9y1ulvt2m6k5or90v9mg8nn32ozas");
        expect(body(e).auth.client_endpoint).toBe("https://some-domain.bitrix24.ru/rest/");
      },
    ],
    [
      "tilda",
      "tilda-form-submit.form",
      (e) => {
        expect(body(e)).toEqual({
          Name: "Иван",
          Phone: "+7 (999) 123-45-67",
          Email: "ivan.petrov@example.com",
          tranid: "1234567:8901234567",
          formid: "form123456789",
        });
      },
    ],
    ["tilda", "tilda-test.form", (e) => expect(body(e)).toEqual({ test: "test" })],
    [
      "getcourse",
      "getcourse-deal-callback.form",
      (e) => {
        expect(e.event.query).toMatchObject({
          email: "ivan.petrov@example.com",
          phone: "+79991234567",
          name: "Иван",
          deal_id: "123456789",
          status: "payed",
          cost: "4990",
        });
        expect(e.event.body).toBeUndefined();
      },
      true,
    ],
    [
      "hubspot",
      "hubspot-contact-events.json",
      (e) => {
        expect(e.event.body).toHaveLength(2);
        expect((e.event.body as any[])[0]).toMatchObject({
          objectId: 1246965,
          propertyName: "lifecyclestage",
          eventId: 3816279340,
          subscriptionType: "contact.propertyChange",
        });
        expect(e.event.headers["x-hubspot-signature-v3"]).toBe(
          "4jwcyfosQX42iySd/soU+iLvc+0TR5n6N3kojeMIibM=",
        );
      },
    ],
    [
      "pipedrive",
      "pipedrive-person-create.json",
      (e) => {
        expect(body(e).meta).toMatchObject({
          action: "create",
          entity: "person",
          id: "7c1f5e3a-2b4d-4e6f-8a9b-0c1d2e3f4a5b",
        });
        expect(body(e).data.phones[0].value).toBe("+7 999 123-45-67");
      },
    ],
    [
      "typeform",
      "typeform-form-response.json",
      (e) => {
        expect(body(e).event_id).toBe("LtWXD3crgy");
        expect(body(e).form_response.answers[2]).toMatchObject({
          type: "phone_number",
          phone_number: "+79991234567",
          field: { ref: "phone" },
        });
      },
    ],
    [
      "jotform",
      "jotform-submission.txt",
      (e) => {
        expect(body(e)).toMatchObject({
          formID: "243231271343446",
          submissionID: "6084250982513018472",
          formTitle: "Contact Form",
          ip: "203.0.113.7",
        });
        expect(JSON.parse(body(e).rawRequest)).toMatchObject({
          q3_name: { first: "Ivan", last: "Petrov" },
          q4_email: "ivan.petrov@example.com",
          q5_phoneNumber: { full: "(999) 123-4567" },
        });
      },
    ],
    [
      "webflow",
      "webflow-form-submission.json",
      (e) => {
        expect(body(e).payload.data).toEqual({
          "First Name": "Zaphod",
          "Last Name": "Beeblebrox",
          email: "zaphod@heartofgold.ai",
          "Phone Number": 15550000000,
        });
      },
    ],
    [
      "tally",
      "tally-form-response.json",
      (e) => {
        expect(body(e).eventId).toBe("a4cb511e-d513-4fa5-baee-b815d718dfd1");
        expect(body(e).data.fields.find((f: any) => f.type === "INPUT_PHONE_NUMBER").value).toBe(
          "+79991234567",
        );
      },
    ],
    [
      "elementor",
      "elementor-form-submit.form",
      (e) => {
        expect(body(e)).toMatchObject({
          Имя: "Иван",
          Email: "ivan.petrov@example.com",
          Телефон: "+7 (999) 123-45-67",
          "Page URL": "https://example.com/contacts/",
          form_id: "a1b2c3d",
          form_name: "New Form",
        });
      },
    ],
    [
      "gforms",
      "googleforms-apps-script-submit.json",
      (e) => {
        expect(body(e).answers).toEqual({
          Имя: "Иван",
          Телефон: "+7 999 123-45-67",
          Email: "ivan.petrov@example.com",
        });
      },
    ],
  ])("%s: %s", async (source, fixture, check, asQuery) => {
    check(await explain(source, fixture, asQuery));
  });
});

describe("explain shows routes, why not, and rendered actions", () => {
  it("renders a matched route's actions and shows why the other did not match", async () => {
    const e = await explain("tilda", "tilda-form-submit.form");
    expect(e.routes).toEqual([
      {
        id: "tilda-lead",
        matched: true,
        order_key: "ivan.petrov@example.com",
        actions: [
          {
            index: 0,
            type: "http.request",
            target: "crm",
            status: "ran",
            params: {
              method: "POST",
              path: "/contacts",
              body: { name: "Иван", phone: "+79991234567", email: "ivan.petrov@example.com" },
            },
            // Run against the target in dry run: what it would send, and (no answer declared
            // for this http.request) an empty answer.
            requests: [
              {
                method: "POST",
                url: "https://crm.example.com/api/contacts",
                request_headers: { "content-type": "application/json", "user-agent": "botbridge" },
                request_body: {
                  name: "Иван",
                  phone: "+79991234567",
                  email: "ivan.petrov@example.com",
                },
              },
            ],
            output: { status: 200, headers: {}, body: null },
          },
        ],
      },
      {
        id: "tilda-other-form",
        matched: false,
        why: { at: "equals.body.formid", expected: '"form000"', seen: "form123456789" },
      },
    ]);
  });

  it("shows values from an earlier step whose answer is unknown as pending", async () => {
    const e = await explain("amocrm", "amocrm-lead-status-short.form");
    expect(e.routes[0]?.actions?.map((a) => [a.status, a.params])).toEqual([
      ["ran", { path: "/leads/10754147", query: { with: "contacts" } }],
      ["pending", { path: "<pending: /contacts/{{ steps.lead.body._embedded.contacts[0].id }}>" }],
    ]);
  });

  it("runs the chain with a one-off answer for a step", async () => {
    const lead = { id: 10754147, _embedded: { contacts: [{ id: 555, is_main: true }] } };
    const e = await explain("amocrm", "amocrm-lead-status-short.form", false, { lead });
    const [first, second] = e.routes[0]?.actions ?? [];
    expect(first?.output).toEqual({
      status: 200,
      headers: { "content-type": "application/json" },
      body: lead,
    });
    expect(first?.requests?.[0]?.response_body).toBe(JSON.stringify(lead));
    expect(second).toMatchObject({ status: "ran", params: { path: "/contacts/555" } });
    expect(second?.requests?.map((r) => r.url)).toEqual([
      "https://crm.example.com/api/contacts/555",
    ]);
  });
});

describe("botbridge explain, the command", () => {
  const explainCommand = (args: string[], input?: string) =>
    runBotbridge(["--config", CONFIG, "explain", "--source", "tilda", ...args], {
      ...(input !== undefined ? { input } : {}),
    });

  it("reads the body from a file with the sidecar's headers and sends nothing", async () => {
    const run = await explainCommand([...fixtureArgs("tilda-form-submit.form"), "--json"]);
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as Explanation;
    expect(out.event.body).toMatchObject({ Phone: "+7 (999) 123-45-67" });
    expect(out.routes[0]?.matched).toBe(true);
  });

  it("prints a readable report", async () => {
    const run = await explainCommand(
      ["--content-type", "application/x-www-form-urlencoded"],
      "formid=form000&Name=x",
    );
    expect(run.status, run.stderr).toBe(0);
    const out = run.stdout;
    expect(out).toContain(
      'route tilda-lead: not matched — equals.body.formid: expected "form123456789", saw "form000"',
    );
    expect(out).toContain("route tilda-other-form: matched");
    expect(out).toContain("nothing was sent.");
  });

  it.each([
    {
      name: "malformed JSON",
      type: "application/json",
      input: '{"Name":',
      error: "botbridge: 400 invalid_json: body is not valid JSON",
    },
    {
      name: "multipart without a boundary",
      type: "multipart/form-data",
      input: "--x\r\n",
      error: "botbridge: 400 invalid_body:",
    },
  ])(
    "refuses $name in one line, as the server would, and exits 1",
    async ({ type, input, error }) => {
      const run = await explainCommand(["-t", type], input);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(error);
      expect(run.stderr).not.toContain("    at ");
      expect(run.stdout).toBe("");
    },
  );
});
