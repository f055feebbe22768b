import { afterEach, describe, expect, it } from "vitest";
import { createActions } from "../src/actions/actions.ts";
import { explainRequest } from "../src/admin/explain-request.ts";
import { formatExplanation } from "../src/cli/format-explanation.ts";
import { startBridge, type TestBridge } from "./start-bridge.ts";

/**
 * server.depth_limit over HTTP on a real server: a body or query nesting deeper is 400
 * body_too_deep with nothing stored, in every format; one at the limit is stored, redacted,
 * delivered and explained without any recursion giving out.
 */
const config = (limit: number) => `
version: 1
server: { depth_limit: ${limit} }
storage: { redact: [password] }
targets:
  crm: { type: http, base_url: "https://crm.example.com", dry_run: true }
sources:
  forms:
  packed: { json_fields: [payload] }
routes:
  - id: forward
    source: forms
    actions:
      - http.request: { path: /lead, body: "{{ body }}" }
`;

let bridge: TestBridge | undefined;
afterEach(async () => {
  await bridge?.stop();
  bridge = undefined;
});

const JSON_TYPE = { "content-type": "application/json" };
const FORM = { "content-type": "application/x-www-form-urlencoded" };
const MULTIPART = { "content-type": "multipart/form-data; boundary=xyz" };

/** JSON objects nested `n` deep, `{"password":"x"}` innermost. */
const objects = (n: number) => `${'{"a":'.repeat(n - 1)}{"password":"hunter2"}${"}".repeat(n - 1)}`;
/** A bracket name `n` deep: `a[b][b]...`. */
const brackets = (n: number) => `a${"[b]".repeat(n - 1)}`;
const part = (name: string) =>
  `--xyz\r\nContent-Disposition: form-data; name="${name}"\r\n\r\nv\r\n--xyz--\r\n`;

/** [name, body, headers, query, source] of a request nesting exactly `n` deep. */
const requests = (n: number): [string, string, Record<string, string>, string, string][] => [
  ["JSON", objects(n), JSON_TYPE, "", "forms"],
  ["urlencoded", `${brackets(n)}=1`, FORM, "", "forms"],
  ["multipart", part(brackets(n)), MULTIPART, "", "forms"],
  ["query", "{}", JSON_TYPE, `${brackets(n)}=1`, "forms"],
  // json_fields puts the unpacked object's fields in the body: it nests as deep as the text.
  ["a json_fields text", JSON.stringify({ payload: objects(n) }), JSON_TYPE, "", "packed"],
];

describe("server.depth_limit (64 by default)", () => {
  it.each(requests(65))("refuses %s nesting 65 deep with 400 body_too_deep", async (...args) => {
    const [, body, headers, query, source] = args;
    bridge = await startBridge(config(64));
    const answer = await bridge.post(source, body, headers, query);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      error: { code: "body_too_deep", message: expect.stringMatching(/more than 64 deep/) },
    });
    expect((await bridge.bridge.store.stats()).events).toBe(0);
  });

  it("refuses 5,000 nested arrays (20 KB) with 400, not 503 store_unavailable", async () => {
    bridge = await startBridge(config(64));
    const answer = await bridge.post("forms", `${"[".repeat(5000)}${"]".repeat(5000)}`, JSON_TYPE);
    expect(answer.status).toBe(400);
    expect((answer.json as { error: { code: string } }).error.code).toBe("body_too_deep");
  });

  it.each(requests(64))("stores %s nesting 64 deep", async (...args) => {
    const [, body, headers, query, source] = args;
    bridge = await startBridge(config(64));
    const answer = await bridge.post(source, body, headers, query);
    expect(answer.status).toBe(200);
    expect((await bridge.bridge.store.stats()).events).toBe(1);
  });
});

describe("a body at the highest depth_limit (256)", () => {
  it("is stored redacted, delivered and explained", async () => {
    bridge = await startBridge(config(256));
    const body = objects(256);
    const answer = await bridge.post("forms", body, JSON_TYPE);
    expect(answer.status).toBe(200);
    const eventId = (answer.json as { event_id: string }).event_id;
    const stored = JSON.stringify((await bridge.bridge.store.getEvent(eventId))?.body);
    expect(stored).toBe(body.replace("hunter2", "[redacted]"));
    const [delivery] = await bridge.settle();
    expect(delivery?.status).toBe("succeeded");

    const explanation = await explainRequest(
      bridge.bridge.config(),
      new Map(createActions().map((a) => [a.type, a])),
      {
        source: "forms",
        method: "POST",
        path: "/hooks/forms",
        query: "",
        headers: JSON_TYPE,
        raw: Buffer.from(body),
        remote_address: "127.0.0.1",
      },
    );
    expect(explanation.routes.map((r) => [r.id, r.matched])).toEqual([["forward", true]]);
    expect(formatExplanation(explanation)).toContain('"password": "hunter2"');
  });
});
