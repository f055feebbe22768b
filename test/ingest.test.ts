import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import request from "supertest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createActions } from "../src/actions/actions.ts";
import { parseConfig } from "../src/config/load-config.ts";
import { createApp } from "../src/admin/create-app.ts";
import { createLogger } from "../src/core/create-logger.ts";
import { openSqliteStore } from "../src/store/sqlite-store.ts";
import type { Store } from "../src/store/store.ts";
import { createTestClock } from "./test-clock.ts";
import { ingestRulesOf } from "../src/config/slice-config.ts";

const YAML = `
version: 1
server: { body_limit: 64kb }
storage: { redact: [password] }
targets:
  crm: { type: http, base_url: "https://crm.example.com", dry_run: true }
sources:
  forms:
  amocrm:
  getcourse: { methods: [GET, POST] }
  pinned: { parse: text }
routes:
  - id: all-forms
    source: forms
    actions:
      - http.request: { path: /x }
`;

let store: Store;
let app: ReturnType<typeof createApp>;
let wakes = 0;
let accepting = true;

beforeEach(async () => {
  const loaded = parseConfig(YAML, "routes.yaml", { actions: createActions(), env: {} });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  store = openSqliteStore(
    `sqlite:${join(mkdtempSync(join(tmpdir(), "botbridge-ingest-")), "t.db")}`,
  );
  await store.migrate();
  const clock = createTestClock();
  wakes = 0;
  accepting = true;
  app = createApp({
    server: loaded.config.settings.server,
    rules: () => ingestRulesOf(loaded.config),
    store,
    log: createLogger("silent"),
    now: () => clock.now(),
    onAccepted: () => (wakes += 1),
    accepting: () => accepting,
  });
});

afterEach(async () => {
  await store.close();
});

async function storedBody(eventId: string): Promise<unknown> {
  return (await store.getEvent(eventId))?.body;
}

describe("bad input gets a clear error and nothing is stored", () => {
  it.each<[string, () => request.Test, number, string]>([
    [
      "an unknown source",
      () => request(app).post("/hooks/nope").send({ a: 1 }),
      404,
      "unknown_source",
    ],
    [
      "malformed JSON",
      () =>
        request(app).post("/hooks/forms").set("content-type", "application/json").send('{"a": '),
      400,
      "invalid_json",
    ],
    [
      "a body over server.body_limit",
      () =>
        request(app)
          .post("/hooks/forms")
          .set("content-type", "text/plain")
          .send("x".repeat(65 * 1024)),
      413,
      "body_too_large",
    ],
    [
      "an unsupported method",
      () => request(app).put("/hooks/forms").send({ a: 1 }),
      405,
      "method_not_allowed",
    ],
    ["DELETE", () => request(app).delete("/hooks/forms"), 405, "method_not_allowed"],
    [
      "a GET (a browser opening the URL) to a source that accepts POST only",
      () => request(app).get("/hooks/forms?a=1"),
      405,
      "method_not_allowed",
    ],
    [
      "a PUT to a source that accepts GET and POST",
      () => request(app).put("/hooks/getcourse").send({ a: 1 }),
      405,
      "method_not_allowed",
    ],
    [
      "a broken multipart body",
      () =>
        request(app)
          .post("/hooks/forms")
          .set("content-type", "multipart/form-data; boundary=xyz")
          .send('--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated'),
      400,
      "invalid_body",
    ],
    [
      "an unknown path",
      () => request(app).post("/webhooks/forms").send({ a: 1 }),
      404,
      "not_found",
    ],
  ])("%s", async (_name, send, status, code) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ error: { code, message: expect.any(String) as string } });
    expect((await store.stats()).events).toBe(0);
  });

  it.each<[string, string, string]>([
    ["a source with no methods setting", "forms", "POST"],
    ["a source with methods: [GET, POST]", "getcourse", "GET, POST"],
  ])("answers 405 with an Allow header: %s", async (_name, source, allow) => {
    const response = await request(app).patch(`/hooks/${source}`).send({});
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe(allow);
  });

  it("answers 503 while shutting down, so the sender retries", async () => {
    accepting = false;
    const response = await request(app).post("/hooks/forms").send({ a: 1 });
    expect(response.status).toBe(503);
    expect(response.body.error.code).toBe("shutting_down");
  });

  it("answers 503 store_unavailable when the store cannot commit, and writes nothing", async () => {
    await store.close();
    const response = await request(app).post("/hooks/forms").send({ a: 1 });
    expect(response.status).toBe(503);
    expect(response.body).toEqual({
      error: { code: "store_unavailable", message: "the event could not be stored; retry later" },
    });
    expect(response.headers["retry-after"]).toBe("5");
  });
});

describe("accepted events are stored with their parts", () => {
  it("answers 200 with the event id once event and delivery are committed, then wakes the dispatcher", async () => {
    const response = await request(app)
      .post("/hooks/forms?utm=x")
      .set("X-Custom", "1")
      .send({ Name: "Иван", n: 1.5 });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      ok: true,
      event_id: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
    });
    const event = await store.getEvent(response.body.event_id);
    expect(event).toMatchObject({
      source: "forms",
      method: "POST",
      path: "/hooks/forms",
      query: { utm: "x" },
      body: { Name: "Иван", n: 1.5 },
    });
    expect(event?.headers["x-custom"]).toBe("1");
    expect(await store.listDeliveries({ event_id: response.body.event_id })).toHaveLength(1);
    expect(wakes).toBe(1);
  });

  it("nests amoCRM bracket keys", async () => {
    const response = await request(app)
      .post("/hooks/amocrm")
      .type("form")
      .send(
        "leads%5Bstatus%5D%5B0%5D%5Bid%5D=10754147&leads%5Bstatus%5D%5B0%5D%5Bstatus_id%5D=54423922&account%5Bsubdomain%5D=anyor",
      );
    expect(await storedBody(response.body.event_id)).toEqual({
      leads: { status: [{ id: "10754147", status_id: "54423922" }] },
      account: { subdomain: "anyor" },
    });
  });

  it("keeps a 200-lead amoCRM batch whole, as an array", async () => {
    const body = Array.from(
      { length: 200 },
      (_, i) =>
        `leads%5Bstatus%5D%5B${i}%5D%5Bid%5D=${1000 + i}&leads%5Bstatus%5D%5B${i}%5D%5Bstatus_id%5D=5&leads%5Bstatus%5D%5B${i}%5D%5Bpipeline_id%5D=6`,
    ).join("&");
    const response = await request(app).post("/hooks/amocrm").type("form").send(body);
    expect(response.status).toBe(200);
    const stored = (await storedBody(response.body.event_id)) as {
      leads: { status: { id: string }[] };
    };
    expect(stored.leads.status).toHaveLength(200);
    expect(stored.leads.status[199]?.id).toBe("1199");
  });

  it("reads multipart fields, nesting bracket names, and describes files without keeping them", async () => {
    const response = await request(app)
      .post("/hooks/forms")
      .field("name", "Ivan")
      .field("q[email]", "ivan@example.com")
      .attach("cv", Buffer.from("file content"), { filename: "cv.txt", contentType: "text/plain" });
    expect(await storedBody(response.body.event_id)).toEqual({
      name: "Ivan",
      q: { email: "ivan@example.com" },
      cv: { filename: "cv.txt", mime_type: "text/plain", size: 12 },
    });
  });

  it("keeps text and unknown content types as a string", async () => {
    const text = await request(app)
      .post("/hooks/forms")
      .set("content-type", "text/xml")
      .send("<a>1</a>");
    expect(await storedBody(text.body.event_id)).toBe("<a>1</a>");
    const unknown = await request(app)
      .post("/hooks/forms")
      .set("content-type", "application/x-custom")
      .send("raw data");
    expect(await storedBody(unknown.body.event_id)).toBe("raw data");
  });

  const FORM = "application/x-www-form-urlencoded";
  it.each<[string, string, string | undefined, string, unknown, string | undefined]>([
    ["JSON sent as a form (curl -d)", "forms", FORM, '{"a":1,"b":[2]}', { a: 1, b: [2] }, "json"],
    ["a JSON array sent as a form", "forms", FORM, ' [{"a":1}]\n', [{ a: 1 }], "json"],
    ["a form that only looks like JSON", "forms", FORM, "{bad}", { "{bad}": "" }, undefined],
    ["a real form", "forms", FORM, "a=1&b=2", { a: "1", b: "2" }, undefined],
    ["JSON sent as JSON", "forms", "application/json", '{"a":1}', { a: 1 }, undefined],
    ["JSON text to a source with parse: text", "pinned", FORM, '{"a":1}', '{"a":1}', undefined],
  ])("auto reads %s", async (_name, source, type, text, body, parsedAs) => {
    const post = request(app).post(`/hooks/${source}`);
    if (type) post.set("content-type", type);
    const response = await post.send(text);
    expect(response.status).toBe(200);
    const event = await store.getEvent(response.body.event_id);
    expect(event?.body).toEqual(body);
    expect(event?.headers["x-botbridge-parsed-as"]).toBe(parsedAs);
  });

  it("drops a sender's own x-botbridge-parsed-as header", async () => {
    const response = await request(app)
      .post("/hooks/forms")
      .set("x-botbridge-parsed-as", "json")
      .type("form")
      .send("a=1");
    const event = await store.getEvent(response.body.event_id);
    expect(event?.headers).not.toHaveProperty("x-botbridge-parsed-as");
  });

  it("takes a GET with everything in the query where the source accepts GET (GetCourse)", async () => {
    const response = await request(app).get(
      "/hooks/getcourse?email=ivan%40example.com&phone=%2B79991234567&deal%5Bid%5D=5",
    );
    expect(response.status).toBe(200);
    const event = await store.getEvent(response.body.event_id);
    expect(event).toMatchObject({
      method: "GET",
      query: { email: "ivan@example.com", phone: "+79991234567", deal: { id: "5" } },
    });
    expect(event?.body).toBeUndefined();
  });

  it("masks storage.redact fields at any depth before storing", async () => {
    const response = await request(app)
      .post("/hooks/forms")
      .send({ user: { password: "hunter2", name: "x" }, list: [{ Password: "p" }] });
    expect(await storedBody(response.body.event_id)).toEqual({
      user: { password: "[redacted]", name: "x" },
      list: [{ Password: "[redacted]" }],
    });
  });
});

describe("prototype keys never reach an object's prototype", () => {
  it.each<[string, () => request.Test]>([
    [
      "JSON",
      () =>
        request(app)
          .post("/hooks/forms")
          .set("content-type", "application/json")
          .send(
            '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},"a":{"__proto__":{"polluted":3}}}',
          ),
    ],
    [
      "JSON with escapes",
      () =>
        request(app)
          .post("/hooks/forms")
          .set("content-type", "application/json")
          .send('{"\\u005f_proto__":{"polluted":1}}'),
    ],
    [
      "urlencoded",
      () =>
        request(app)
          .post("/hooks/forms")
          .type("form")
          .send(
            "__proto__[polluted]=1&constructor[prototype][polluted]=2&a[__proto__][polluted]=3&toString=4",
          ),
    ],
    [
      "multipart",
      () =>
        request(app)
          .post("/hooks/forms")
          .field("__proto__[polluted]", "1")
          .field("constructor[prototype][polluted]", "2"),
    ],
    [
      "query",
      () =>
        request(app)
          .post("/hooks/forms?__proto__[polluted]=1&constructor[prototype][polluted]=2")
          .send({}),
    ],
  ])("%s", async (_name, send) => {
    const response = await send();
    expect(response.status).toBe(200);
    const event = await store.getEvent(response.body.event_id);
    for (const part of [event?.body, event?.query]) {
      if (part === null || typeof part !== "object") continue;
      expect(Object.getPrototypeOf(part)).toBe(Object.prototype);
      expect((part as { polluted?: unknown }).polluted).toBeUndefined();
      expect(Object.keys(part)).not.toContain("__proto__");
    }
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("keeps constructor and toString as ordinary fields", async () => {
    const response = await request(app)
      .post("/hooks/forms")
      .type("form")
      .send("constructor=a&toString=b&prototype=c");
    expect(await storedBody(response.body.event_id)).toEqual({
      constructor: "a",
      toString: "b",
      prototype: "c",
    });
  });
});

describe("health", () => {
  it("/healthz and /readyz", async () => {
    expect((await request(app).get("/healthz")).body).toEqual({ ok: true });
    expect((await request(app).get("/readyz")).body).toEqual({
      ok: true,
      store: "sqlite",
      accepting: true,
    });
    await store.close();
    const down = await request(app).get("/readyz");
    expect(down.status).toBe(503);
    expect(down.body.error.code).toBe("store_unavailable");
  });
});
