import { describe, expect, it } from "vitest";
import type { CompiledSource } from "../src/sources/compile-source.ts";
import { serverSchema } from "../src/config/server-schema.ts";
import { templatesSchema } from "../src/config/templates-schema.ts";
import { compileSource } from "../src/sources/compile-source.ts";
import { findPreset } from "../src/sources/presets/find-preset.ts";
import { PRESETS } from "../src/sources/presets/presets.ts";
import { createSourceSchema } from "../src/sources/source-schema.ts";
import { prepareRequest, type PreparedRequest } from "../src/ingest/prepare-request.ts";
import { compileTemplate } from "../src/templates/compile-template.ts";
import { eventContext } from "../src/templates/event-context.ts";
import { createTemplateFunctions } from "../src/templates/template-functions.ts";
import { readFixture, type Fixture } from "./read-fixture.ts";

/**
 * Every reference fixture through its preset, with its sidecar's headers and test secret, the
 * clock frozen at the sidecar's time: accepted as the events its sender meant, and refused with
 * the right reason when a byte changes, the signature is missing, the time is too old, or the
 * secret is wrong.
 */
const functions = createTemplateFunctions(templatesSchema.parse({}));
const context = { presets: PRESETS, functions, schema: createSourceSchema(PRESETS) };
const TOKEN = "url-token-for-tests";

interface Case {
  fixture: string;
  preset: string;
  /** verify settings with the right secret, and with a wrong one */
  verify: (secret: string) => Record<string, unknown>;
  /** where the request carries its token (URL-token presets) */
  query?: string;
  headers?: Record<string, string>;
  /** the body travels as the query string (GetCourse) */
  asQuery?: boolean;
  /** the body's byte to change, by its text, and what it becomes */
  flip?: [string, string];
  /** the header whose absence must be refused, and the reason */
  missing?: [string, string];
  /** the reason a wrong secret gives */
  wrong: string;
  old?: string;
  check: (events: PreparedRequest["events"], keys: unknown[]) => void;
}

const bodyOf = (events: PreparedRequest["events"], i = 0) => events[i]?.body as Record<string, any>;

const cases: Case[] = [
  {
    fixture: "tilda-form-submit.form",
    preset: "tilda",
    verify: (s) => ({ token: s }),
    query: `token=${TOKEN}`,
    wrong: "token: token mismatch: query parameter token has a wrong value",
    check: (events, keys) => {
      expect(bodyOf(events)).toEqual({
        Name: "Иван",
        Phone: "+7 (999) 123-45-67",
        Email: "ivan.petrov@example.com",
        tranid: "1234567:8901234567",
        formid: "form123456789",
      });
      expect(events[0]?.query).toEqual({});
      expect(keys).toEqual(["1234567:8901234567"]);
    },
  },
  {
    fixture: "amocrm-lead-add.form",
    preset: "amocrm",
    verify: (s) => ({ token: s }),
    query: `token=${TOKEN}`,
    wrong: "token: token mismatch: query parameter token has a wrong value",
    check: (events, keys) => {
      expect(bodyOf(events).leads.add[0].id).toBe("32966269");
      expect(keys).toEqual(["leads:add:32966269:1748268669"]);
    },
  },
  {
    fixture: "amocrm-contact-update.form",
    preset: "kommo",
    verify: (s) => ({ token: s }),
    query: `token=${TOKEN}`,
    wrong: "token: token mismatch: query parameter token has a wrong value",
    check: (events, keys) => {
      expect(bodyOf(events).contacts.update[0].custom_fields[1].code).toBe("PHONE");
      expect(keys).toEqual(["contacts:update:37054081:1748292937"]);
    },
  },
  {
    fixture: "amocrm-lead-status-short.form",
    preset: "amocrm",
    verify: (s) => ({ token: s }),
    query: `token=${TOKEN}`,
    wrong: "token: token mismatch: query parameter token has a wrong value",
    check: (events, keys) => {
      expect(bodyOf(events).leads.status[0].status_id).toBe("54423922");
      expect(keys).toEqual([undefined]);
    },
  },
  {
    fixture: "amocrm-leads-status-batch.form",
    preset: "amocrm",
    verify: (s) => ({ token: s }),
    query: `token=${TOKEN}`,
    wrong: "token: token mismatch: query parameter token has a wrong value",
    check: (events, keys) => {
      // one event per lead, each shaped as if it had come alone, each with its own key
      expect(events.map((_e, i): unknown => bodyOf(events, i).leads.status)).toEqual([
        [expect.objectContaining({ id: "32966269", status_id: "76789234" })],
        [expect.objectContaining({ id: "32966271", status_id: "76789234" })],
        [expect.objectContaining({ id: "32966275", status_id: "76789234" })],
      ]);
      for (const event of events)
        expect(Object.keys(event.body as object)).toEqual(["account", "leads"]);
      expect(new Set(events.map((e) => e.id)).size).toBe(3);
      expect(keys).toEqual([
        "leads:status:32966269:1748290001",
        "leads:status:32966271:1748290001",
        "leads:status:32966275:1748290002",
      ]);
    },
  },
  {
    fixture: "bitrix24-lead-add.form",
    preset: "bitrix24",
    verify: (s) => ({ token: s === TOKEN ? "jvh9y1ulvt2m6k5or90v9mg8nn32ozas" : s }),
    flip: ["jvh9y1ulvt", "jvh9y1ulvT"],
    wrong: "token: token mismatch: body field auth[application_token] has a wrong value",
    check: (events, keys) => {
      expect(bodyOf(events).data).toEqual({ FIELDS: { ID: "1000983" } });
      expect(bodyOf(events).auth).toEqual({
        domain: "some-domain.bitrix24.ru",
        client_endpoint: "https://some-domain.bitrix24.ru/rest/",
        server_endpoint: "https://oauth.bitrix24.tech/rest/",
        member_id: "d897063e1ce7c5eb9f04b9751eef5915",
      });
      expect(keys).toEqual(["ONCRMLEADADD:1000983:1766047124"]);
    },
  },
  {
    fixture: "getcourse-deal-callback.form",
    preset: "getcourse",
    verify: (s) => ({ token: s === TOKEN ? "CHANGE_ME" : s }),
    asQuery: true,
    wrong: "token: token mismatch: query parameter token has a wrong value",
    check: (events) => {
      expect(bodyOf(events)).toEqual({
        email: "ivan.petrov@example.com",
        phone: "+79991234567",
        name: "Иван",
        deal_id: "123456789",
        deal_number: "1042",
        status: "payed",
        cost: "4990",
      });
    },
  },
  {
    fixture: "hubspot-contact-events.json",
    preset: "hubspot",
    verify: (s) => ({
      hmac: {
        secret: s === TOKEN ? "hubspot-test-client-secret" : s,
        url: "https://bridge.example.com/hooks/hubspot",
      },
    }),
    flip: ['"objectId":1246965', '"objectId":1246966'],
    missing: ["x-hubspot-signature-v3", "hmac: signature header x-hubspot-signature-v3 missing"],
    wrong:
      "hmac: signature mismatch: computed over 524 bytes with sha256/base64 from header x-hubspot-signature-v3",
    old: "hmac: timestamp 301 s old, tolerance 300 s",
    check: (events, keys) => {
      expect(events.map((e) => (e.body as { subscriptionType: string }).subscriptionType)).toEqual([
        "contact.propertyChange",
        "contact.creation",
      ]);
      expect(new Set(events.map((e) => e.id)).size).toBe(2);
      expect(keys).toEqual(["3816279340:25:1462216307945", "3816279480:22:1462216307945"]);
    },
  },
  {
    fixture: "pipedrive-person-create.json",
    preset: "pipedrive",
    verify: (s) => ({
      basic: { username: "bridge", password: s === TOKEN ? "pd-test-password" : s },
    }),
    missing: ["authorization", "basic: basic credentials missing: no Authorization header"],
    wrong: "basic: basic credentials mismatch: wrong password",
    check: (events, keys) => {
      expect(bodyOf(events).data.phones[0].value).toBe("+7 999 123-45-67");
      expect(keys).toEqual(["7c1f5e3a-2b4d-4e6f-8a9b-0c1d2e3f4a5b"]);
    },
  },
  {
    fixture: "typeform-form-response.json",
    preset: "typeform",
    verify: (s) => ({ hmac: { secret: s === TOKEN ? "typeform-test-secret" : s } }),
    flip: ['"Laura"', '"Lauri"'],
    missing: ["typeform-signature", "hmac: signature header typeform-signature missing"],
    wrong:
      "hmac: signature mismatch: computed over 971 bytes with sha256/base64 from header typeform-signature",
    check: (events, keys) => {
      expect(bodyOf(events).form_response.hidden).toEqual({ user_id: "abc123456" });
      expect(keys).toEqual(["LtWXD3crgy"]);
    },
  },
  {
    fixture: "jotform-submission.txt",
    preset: "jotform",
    verify: (s) => ({ token: s }),
    query: `token=${TOKEN}`,
    wrong: "token: token mismatch: query parameter token has a wrong value",
    check: (events, keys) => {
      expect(bodyOf(events)).toMatchObject({
        q3_name: { first: "Ivan", last: "Petrov" },
        q4_email: "ivan.petrov@example.com",
        q5_phoneNumber: { full: "(999) 123-4567" },
        slug: "submit/243231271343446",
        formID: "243231271343446",
        submissionID: "6084250982513018472",
      });
      expect(bodyOf(events).rawRequest).toBeUndefined();
      expect(keys).toEqual(["6084250982513018472"]);
    },
  },
  {
    fixture: "webflow-form-submission.json",
    preset: "webflow",
    verify: (s) => ({ hmac: { secret: s === TOKEN ? "webflow-test-secret" : s } }),
    flip: ["Zaphod", "Zaphoe"],
    missing: ["x-webflow-signature", "hmac: signature header x-webflow-signature missing"],
    wrong:
      "hmac: signature mismatch: computed over 845 bytes with sha256/hex from header x-webflow-signature",
    old: "hmac: timestamp 301 s old, tolerance 300 s",
    check: (events, keys) => {
      expect(bodyOf(events).payload.data["Phone Number"]).toBe(15550000000);
      expect(keys).toEqual(["6321ca84df3949bfc6752327"]);
    },
  },
  {
    fixture: "tally-form-response.json",
    preset: "tally",
    verify: (s) => ({ hmac: { secret: s === TOKEN ? "tally-test-signing-secret" : s } }),
    flip: ["Ivan Petrov", "Ivan Petrof"],
    missing: ["tally-signature", "hmac: signature header tally-signature missing"],
    wrong:
      "hmac: signature mismatch: computed over 649 bytes with sha256/base64 from header tally-signature",
    check: (events, keys) => {
      expect(bodyOf(events).data.formName).toBe("Lead form");
      expect(keys).toEqual(["a4cb511e-d513-4fa5-baee-b815d718dfd1"]);
    },
  },
  {
    fixture: "elementor-form-submit.form",
    preset: "elementor",
    verify: (s) => ({ token: s }),
    query: `token=${TOKEN}`,
    wrong: "token: token mismatch: query parameter token has a wrong value",
    check: (events, keys) => {
      expect(bodyOf(events)).toMatchObject({
        Телефон: "+7 (999) 123-45-67",
        form_name: "New Form",
      });
      expect(keys).toEqual([]);
    },
  },
  {
    fixture: "googleforms-apps-script-submit.json",
    preset: "google-forms",
    verify: (s) => ({ token: s }),
    headers: { "x-bridge-token": TOKEN },
    missing: ["x-bridge-token", "token: token missing: no header x-bridge-token"],
    wrong: "token: token mismatch: header x-bridge-token has a wrong value",
    check: (events, keys) => {
      expect(bodyOf(events).answers.Телефон).toBe("+7 999 123-45-67");
      expect(events[0]?.headers["x-bridge-token"]).toBeUndefined();
      expect(keys).toEqual(["ACYDBNexampleResponseId"]);
    },
  },
];

function source(c: Case, secret: string): CompiledSource {
  const { source, problems } = compileSource(
    c.fixture,
    { preset: c.preset, verify: c.verify(secret) },
    context,
  );
  expect(problems).toEqual([]);
  return source!;
}

function frozenAt(fixture: Fixture): number {
  const ms =
    fixture.meta["freeze-clock-ms"] ??
    String(Number(fixture.meta["freeze-clock-s"] ?? 1_735_689_600) * 1000);
  return Number(ms);
}

async function send(
  c: Case,
  options: { secret?: string; body?: Buffer; drop?: string; now?: number } = {},
): Promise<PreparedRequest> {
  const fixture = readFixture(c.fixture);
  const headers = Object.fromEntries(
    Object.entries({ ...fixture.headers, ...c.headers }).filter(([name]) => name !== options.drop),
  );
  const body = options.body ?? fixture.body;
  const query = c.asQuery ? body.toString("utf8") : (c.query ?? "");
  return prepareRequest(
    {
      source: c.preset,
      method: fixture.meta.method?.split(" ")[0] ?? "POST",
      path: `/hooks/${c.preset}`,
      url:
        fixture.meta.url ??
        `https://bridge.example.com/hooks/${c.preset}${query ? `?${query}` : ""}`,
      query,
      headers,
      raw: c.asQuery ? Buffer.alloc(0) : body,
      remote_address: "203.0.113.7",
    },
    source(c, options.secret ?? TOKEN),
    options.now ?? frozenAt(fixture),
    serverSchema.parse({}).depth_limit,
  );
}

const failures = (p: PreparedRequest) =>
  p.checks.filter((c) => !c.ok).map((c) => `${c.scheme}: ${c.reason}`);
const byName = cases.map((c) => [`${c.preset}: ${c.fixture}`, c] as const);

describe("every fixture is accepted by its preset (clock frozen at the sidecar's time)", () => {
  it.each(byName)("%s", async (_name, c) => {
    const prepared = await send(c);
    expect(failures(prepared)).toEqual([]);
    expect(prepared.verified).toBe(true);
    expect(prepared.ping).toBe(false);
    const src = source(c, TOKEN);
    const keys = src.dedupe
      ? await Promise.all(prepared.events.map((e) => src.dedupe!.render(eventContext(e))))
      : [];
    c.check(prepared.events, keys);
    expect(JSON.stringify(prepared.events)).not.toContain(TOKEN);
  });
});

describe("and refused, with the reason, when", () => {
  it.each(byName)("the secret is wrong: %s", async (_name, c) => {
    const prepared = await send(c, { secret: "a-wrong-secret" });
    expect(prepared.verified).toBe(false);
    expect(prepared.events).toEqual([]);
    expect(failures(prepared)).toEqual([c.wrong]);
  });

  it.each(byName.filter(([, c]) => c.flip))(
    "one byte of the body changes: %s",
    async (_name, c) => {
      const [from, to] = c.flip!;
      const body = Buffer.from(readFixture(c.fixture).body.toString("utf8").replace(from, to));
      expect(body.length).toBe(readFixture(c.fixture).body.length);
      const prepared = await send(c, { body });
      expect(prepared.verified).toBe(false);
      expect(failures(prepared)).toEqual([c.wrong]);
    },
  );

  it.each(byName.filter(([, c]) => c.missing))(
    "the signature or credential is missing: %s",
    async (_name, c) => {
      const [header, reason] = c.missing!;
      const prepared = await send(c, { drop: header });
      expect(failures(prepared)).toEqual([reason]);
    },
  );

  it.each(byName.filter(([, c]) => c.query))("the URL token is missing: %s", async (_name, c) => {
    const prepared = await send({ ...c, query: "" });
    expect(failures(prepared)).toEqual(["token: token missing: no query parameter token"]);
  });

  it.each(byName.filter(([, c]) => c.old))("the timestamp is too old: %s", async (_name, c) => {
    const prepared = await send(c, { now: frozenAt(readFixture(c.fixture)) + 301_000 });
    expect(failures(prepared)).toEqual([c.old]);
  });
});

describe("handshakes are answered and not stored", () => {
  it("Tilda's test=test", async () => {
    const c = cases[0]!;
    const prepared = await send({ ...c, fixture: "tilda-test.form" });
    expect(prepared).toMatchObject({ verified: true, ping: true, events: [] });
  });

  it("Bitrix24's ONAPPTEST", async () => {
    const c = cases.find((x) => x.preset === "bitrix24")!;
    const body = Buffer.from(
      readFixture(c.fixture).body.toString("utf8").replace("ONCRMLEADADD", "ONAPPTEST"),
    );
    const prepared = await send(c, { body });
    expect(prepared).toMatchObject({ verified: true, ping: true, events: [] });
  });
});

describe("the field paths docs/sources.md lists for each preset find a value in its fixtures", () => {
  /** Fields the fixtures do not carry (optional in the sender's payload). */
  const ABSENT = new Set(["tilda body.utm_source"]);
  const presets = PRESETS.filter((p) =>
    cases.some((c) => findPreset(PRESETS, c.preset)?.name === p.name),
  );
  it.each(presets.map((p) => [p.name, p] as const))("%s", async (_name, preset) => {
    const events = (
      await Promise.all(
        cases
          .filter((c) => findPreset(PRESETS, c.preset)?.name === preset.name)
          .map((c) => send(c)),
      )
    ).flatMap((p) => p.events);
    const missing: string[] = [];
    for (const path of Object.keys(preset.fields)) {
      const template = compileTemplate(`{{ ${path} }}`, functions);
      const values = await Promise.all(events.map((e) => template.render(eventContext(e))));
      if (values.every((v) => v === undefined) && !ABSENT.has(`${preset.name} ${path}`))
        missing.push(path);
    }
    expect(missing).toEqual([]);
  });

  it("every preset has a fixture", () => {
    expect(PRESETS.filter((p) => !presets.includes(p)).map((p) => p.name)).toEqual([]);
  });
});
