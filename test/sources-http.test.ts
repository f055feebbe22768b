import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import request from "supertest";
import { afterEach, describe, expect, it } from "vitest";
import { createActions } from "../src/actions/actions.ts";
import { parseConfig } from "../src/config/load-config.ts";
import { createApp } from "../src/admin/create-app.ts";
import { createLogger } from "../src/core/create-logger.ts";
import { openSqliteStore } from "../src/store/sqlite-store.ts";
import type { Store } from "../src/store/store.ts";
import { readFixture } from "./read-fixture.ts";
import { startBridge } from "./start-bridge.ts";
import { createTestClock } from "./test-clock.ts";
import { ingestRulesOf } from "../src/config/slice-config.ts";

/** The presets over HTTP against the real app and a real SQLite store: what is answered, what is stored. */
const env = {
  TILDA_TOKEN: "tilda-url-token",
  BITRIX24_APP_TOKEN: "jvh9y1ulvt2m6k5or90v9mg8nn32ozas",
  GETCOURSE_TOKEN: "CHANGE_ME",
  HUBSPOT_SECRET: "hubspot-test-client-secret",
  JOTFORM_TOKEN: "jotform-url-token",
  TYPEFORM_SECRET: "typeform-test-secret",
  PIPEDRIVE_PASSWORD: "pd-test-password",
  WEBFLOW_SECRET: "webflow-test-secret",
};

const yaml = (trustProxy: boolean) => `
version: 1
server: { trust_proxy: ${trustProxy} }
targets:
  crm: { type: http, base_url: "https://crm.example.com", dry_run: true }
sources:
  tilda: { preset: tilda, verify: { token: "\${TILDA_TOKEN}" } }
  bitrix24: { preset: bitrix24, verify: { token: "\${BITRIX24_APP_TOKEN}" } }
  getcourse: { preset: getcourse, verify: { token: "\${GETCOURSE_TOKEN}" } }
  hubspot:
    preset: hubspot
    verify: { hmac: { secret: "\${HUBSPOT_SECRET}", url: "https://bridge.example.com/hooks/hubspot" } }
  jotform: { preset: jotform, verify: { token: "\${JOTFORM_TOKEN}" } }
  typeform: { preset: typeform, verify: { hmac: { secret: ["old-secret", "\${TYPEFORM_SECRET}"] } } }
  pipedrive: { preset: pipedrive, verify: { basic: { username: bridge, password: "\${PIPEDRIVE_PASSWORD}" } } }
  webflow: { preset: webflow, verify: { hmac: { secret: "\${WEBFLOW_SECRET}" } } }
  office:
    verify: { ip_allow: [203.0.113.0/24] }
routes:
  - id: tilda-lead
    source: tilda
    actions:
      - http.request: { path: /lead }
`;

let store: Store;
let logs: Record<string, unknown>[];

afterEach(async () => {
  await store.close();
});

function start(at = Date.parse("2025-01-01T00:00:00Z"), trustProxy = false) {
  const loaded = parseConfig(yaml(trustProxy), "routes.yaml", { actions: createActions(), env });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  store = openSqliteStore(
    `sqlite:${join(mkdtempSync(join(tmpdir(), "botbridge-sources-")), "t.db")}`,
  );
  logs = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n"))
        if (line) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const clock = createTestClock(at);
  return {
    app: createApp({
      server: loaded.config.settings.server,
      rules: () => ingestRulesOf(loaded.config),
      store,
      log: createLogger("info", sink),
      now: () => clock.now(),
      onAccepted: () => undefined,
      accepting: () => true,
    }),
    ready: store.migrate(),
  };
}

type App = ReturnType<typeof createApp>;

function post(app: App, source: string, fixture: string, query = "") {
  const f = readFixture(fixture);
  return request(app)
    .post(`/hooks/${source}${query ? `?${query}` : ""}`)
    .set(f.headers)
    .send(f.body.toString("utf8"));
}

const events = async () => (await store.stats()).events;

describe("presets over HTTP", () => {
  it("answers Tilda's test=test with 200 and stores nothing", async () => {
    const { app, ready } = start();
    await ready;
    const response = await post(app, "tilda", "tilda-test.form", "token=tilda-url-token");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ok: true, ping: true });
    expect(await events()).toBe(0);
    expect(logs.some((l) => l.msg === "ping answered; nothing stored")).toBe(true);
  });

  it("stores a Tilda submission without the URL token, once", async () => {
    const { app, ready } = start();
    await ready;
    const first = await post(app, "tilda", "tilda-form-submit.form", "token=tilda-url-token&utm=x");
    expect(first.status).toBe(200);
    const stored = await store.getEvent(first.body.event_id as string);
    expect(stored?.query).toEqual({ utm: "x" });
    expect(stored?.body).toMatchObject({
      Phone: "+7 (999) 123-45-67",
      tranid: "1234567:8901234567",
    });
    const again = await post(app, "tilda", "tilda-form-submit.form", "token=tilda-url-token");
    expect(again.body).toEqual({ ok: true, duplicate: true, event_id: first.body.event_id });
    expect(await events()).toBe(1);
    expect(await store.listDeliveries({ event_id: first.body.event_id as string })).toHaveLength(1);
  });

  it("checks Bitrix24's application token and drops it from the stored event", async () => {
    const { app, ready } = start();
    await ready;
    const response = await post(app, "bitrix24", "bitrix24-lead-add.form");
    expect(response.status).toBe(200);
    const stored = await store.getEvent(response.body.event_id as string);
    expect(stored?.body).toMatchObject({
      event: "ONCRMLEADADD",
      data: { FIELDS: { ID: "1000983" } },
    });
    expect(JSON.stringify(stored)).not.toContain(env.BITRIX24_APP_TOKEN);
  });

  it("splits a HubSpot batch into one event per item, each deduped on its own", async () => {
    const hubspot = readFixture("hubspot-contact-events.json");
    const { app, ready } = start(Number(hubspot.meta["freeze-clock-ms"]));
    await ready;
    const response = await post(app, "hubspot", "hubspot-contact-events.json");
    expect(response.status).toBe(200);
    const ids = (response.body.events as { event_id: string }[]).map((e) => e.event_id);
    expect(ids).toHaveLength(2);
    const stored = await Promise.all(ids.map((id) => store.getEvent(id)));
    expect(stored.map((e) => (e?.body as { objectId: number }).objectId)).toEqual([
      1246965, 1246978,
    ]);
    const again = await post(app, "hubspot", "hubspot-contact-events.json");
    expect(again.body).toEqual({
      ok: true,
      events: ids.map((event_id) => ({ event_id, duplicate: true })),
    });
    expect(await events()).toBe(2);
  });

  it("unpacks Jotform's rawRequest into the stored body", async () => {
    const { app, ready } = start();
    await ready;
    const response = await post(
      app,
      "jotform",
      "jotform-submission.txt",
      "token=jotform-url-token",
    );
    expect(response.status).toBe(200);
    const stored = await store.getEvent(response.body.event_id as string);
    expect(stored?.body).toMatchObject({
      q4_email: "ivan.petrov@example.com",
      q5_phoneNumber: { full: "(999) 123-4567" },
      submissionID: "6084250982513018472",
    });
    expect(stored?.query).toEqual({});
  });

  it.each<[string, string]>([
    ["GET, %2B-encoded", "get"],
    ["POST with the '+' sent raw", "post"],
  ])("stores a GetCourse query as the body (%s)", async (_name, method) => {
    const { app, ready } = start();
    await ready;
    const query = readFixture("getcourse-deal-callback.form").body.toString("utf8");
    const sent = method === "get" ? query : query.replace("%2B", "+");
    const response = await request(app)[method === "get" ? "get" : "post"](
      `/hooks/getcourse?${sent}`,
    );
    expect(response.status).toBe(200);
    const stored = await store.getEvent(response.body.event_id as string);
    expect(stored?.body).toEqual({
      email: "ivan.petrov@example.com",
      phone: "+79991234567",
      name: "Иван",
      deal_id: "123456789",
      deal_number: "1042",
      status: "payed",
      cost: "4990",
    });
    expect(stored?.query).not.toHaveProperty("token");
  });

  it.each<[string, string, string]>([
    ["typeform", "typeform-form-response.json", "LtWXD3crgy"],
    ["pipedrive", "pipedrive-person-create.json", "7c1f5e3a-2b4d-4e6f-8a9b-0c1d2e3f4a5b"],
  ])("accepts a signed %s request", async (source, fixture, id) => {
    const { app, ready } = start();
    await ready;
    const response = await post(app, source, fixture);
    expect(response.status).toBe(200);
    expect(
      JSON.stringify((await store.getEvent(response.body.event_id as string))?.body),
    ).toContain(id);
  });
});

describe("a request that fails a check gets 401 verification_failed, and nothing is stored", () => {
  it.each<[string, number | undefined, (app: App) => request.Test, string]>([
    [
      "a wrong Tilda token",
      undefined,
      (app) => post(app, "tilda", "tilda-form-submit.form", "token=guess"),
      "token: token mismatch: query parameter token has a wrong value",
    ],
    [
      "a Tilda ping without the token",
      undefined,
      (app) => post(app, "tilda", "tilda-test.form"),
      "token: token missing: no query parameter token",
    ],
    [
      "a changed Typeform body",
      undefined,
      (app) =>
        request(app)
          .post("/hooks/typeform")
          .set(readFixture("typeform-form-response.json").headers)
          .send(
            readFixture("typeform-form-response.json").body.toString().replace("Laura", "Laure"),
          ),
      "hmac: signature mismatch: computed over 971 bytes with sha256/base64 from header typeform-signature, 2 secrets tried",
    ],
    [
      "a Webflow request 10 minutes late",
      Date.parse("2025-01-01T00:10:00Z"),
      (app) => post(app, "webflow", "webflow-form-submission.json"),
      "hmac: timestamp 600 s old, tolerance 300 s",
    ],
    [
      "Pipedrive without credentials",
      undefined,
      (app) =>
        request(app)
          .post("/hooks/pipedrive")
          .send({ meta: { id: "x" } }),
      "basic: basic credentials missing: no Authorization header",
    ],
    [
      "an address outside ip_allow",
      undefined,
      (app) => request(app).post("/hooks/office").send({ a: 1 }),
      "ip_allow: address 127.0.0.1 is not in ip_allow",
    ],
    [
      "X-Forwarded-For without trust_proxy",
      undefined,
      (app) =>
        request(app).post("/hooks/office").set("x-forwarded-for", "203.0.113.9").send({ a: 1 }),
      "ip_allow: address 127.0.0.1 is not in ip_allow",
    ],
  ])("%s", async (_name, at, send, reason) => {
    const { app, ready } = start(at);
    await ready;
    const response = await send(app);
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      error: {
        code: "verification_failed",
        message: "the request is not verified; the server's log says why",
      },
    });
    expect(await events()).toBe(0);
    const line = logs.find((l) => l.code === "verification_failed");
    expect(line).toMatchObject({
      level: 40,
      failed: [reason],
      msg: "request not verified; nothing stored",
    });
    for (const secret of Object.values(env)) expect(JSON.stringify(logs)).not.toContain(secret);
  });

  it("trusts X-Forwarded-For for ip_allow only with server.trust_proxy", async () => {
    const { app, ready: migrated } = start(undefined, true);
    await migrated;
    const response = await request(app)
      .post("/hooks/office")
      .set("x-forwarded-for", "203.0.113.9")
      .send({ a: 1 });
    expect(response.status).toBe(200);
    expect(await events()).toBe(1);
  });
});

describe("serve warns about a source anyone can post to", () => {
  it("logs each source without a check at start", async () => {
    const bridge = await startBridge(
      "version: 1\nsources:\n  open:\n  guarded: { verify: { token: t } }\n",
    );
    try {
      expect(bridge.logs.filter((l) => l.level === 40).map((l) => [l.source, l.msg])).toEqual([
        [
          "open",
          "source accepts unverified requests: anyone who knows the URL can post; add verify (docs/sources.md)",
        ],
      ]);
    } finally {
      await bridge.stop();
    }
  });
});
