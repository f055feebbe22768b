import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import request from "supertest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createActions } from "../src/actions/actions.ts";
import { createApp } from "../src/admin/create-app.ts";
import { parseConfig } from "../src/config/load-config.ts";
import { ingestRulesOf } from "../src/config/slice-config.ts";
import { createLogger } from "../src/core/create-logger.ts";
import { openSqliteStore } from "../src/store/sqlite-store.ts";
import type { Store } from "../src/store/store.ts";
import { createTestClock } from "./test-clock.ts";

/**
 * What the log says about a refused request: its code and the reason it was given (the JSON
 * parser's words for a 400 invalid_json), and no stack trace for what is expected (a 503 while
 * shutting down, an order key that does not render on this body).
 */
const YAML = `
version: 1
targets:
  crm: { type: http, base_url: "https://crm.example.com", dry_run: true }
sources:
  forms: {}
routes:
  - id: by-email
    source: forms
    order_by: "{{ $lowercase(body.email) }}"
    actions:
      - http.request: { path: /x }
`;

let store: Store;
let app: ReturnType<typeof createApp>;
let accepting = true;
let lines: Record<string, unknown>[] = [];

beforeEach(async () => {
  const loaded = parseConfig(YAML, "routes.yaml", { actions: createActions(), env: {} });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  store = openSqliteStore(`sqlite:${join(mkdtempSync(join(tmpdir(), "botbridge-logs-")), "t.db")}`);
  await store.migrate();
  lines = [];
  accepting = true;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n"))
        if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const clock = createTestClock();
  app = createApp({
    server: loaded.config.settings.server,
    rules: () => ingestRulesOf(loaded.config),
    store,
    log: createLogger("info", sink),
    now: () => clock.now(),
    onAccepted: () => undefined,
    accepting: () => accepting,
  });
});

afterEach(async () => {
  await store.close();
});

describe("a refused request is logged with its code and reason, without a stack", () => {
  it.each<[string, () => request.Test, number, number, string, RegExp]>([
    [
      "invalid JSON",
      () => request(app).post("/hooks/forms").set("content-type", "application/json").send("{bad"),
      400,
      40,
      "invalid_json",
      /^body is not valid JSON: .*position 1/,
    ],
    [
      "a 503 while shutting down",
      () => {
        accepting = false;
        return request(app).post("/hooks/forms").send({ a: 1 });
      },
      503,
      40,
      "shutting_down",
      /^shutting down; retry later$/,
    ],
    [
      "a GET on a source that takes POST",
      () => request(app).get("/hooks/forms?token=secret"),
      405,
      40,
      "method_not_allowed",
      /^GET is not accepted by source forms; send POST/,
    ],
    [
      "an unknown source",
      () => request(app).post("/hooks/nope").send({}),
      404,
      40,
      "unknown_source",
      /^no source named "nope"/,
    ],
  ])("%s", async (_name, send, status, level, code, reason) => {
    const response = await send();
    expect(response.status).toBe(status);
    const line = lines.find((l) => l.msg === "request refused");
    expect(line).toMatchObject({ level, code, res: { status } });
    expect(line?.reason).toMatch(reason);
    expect(line).not.toHaveProperty("err");
    expect(JSON.stringify(lines)).not.toContain("stack");
    expect(JSON.stringify(lines)).not.toContain("token=secret");
  });
});

describe("an order key that does not render", () => {
  it("is a warning with the template's reason, no stack; the event is stored all the same", async () => {
    const response = await request(app).post("/hooks/forms").send({ email: 5 });
    expect(response.status).toBe(200);
    const line = lines.find((l) => l.msg === "key template failed; going on without the key");
    expect(line).toMatchObject({ level: 40, where: "routes.by-email.order_by" });
    expect(line?.code).toEqual(expect.any(String));
    expect(line?.reason).toContain("$lowercase(body.email)");
    expect(JSON.stringify(lines)).not.toContain("stack");
    expect(lines.find((l) => l.msg === "event accepted")).toBeDefined();
  });
});
