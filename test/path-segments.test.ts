import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFakeTarget, type FakeTarget } from "./fakes/fake-target.ts";
import { startBridge, type TestBridge } from "./start-bridge.ts";

/**
 * A value from a payload rendered into an http.request path is exactly one path segment,
 * percent-encoded: `..`, `/`, `?`, `#` or an encoded dot in it can never reach another endpoint
 * under the target's base_url (with the target's credentials), nor add a query.
 */
const yaml = `
version: 1
delivery: { poll_interval: 20ms }
targets:
  crm: { type: http, base_url: "\${TARGET_URL}/api", headers: { Authorization: "Bearer crm-token" } }
sources:
  segment:
  whole:
routes:
  - id: segment
    source: segment
    actions:
      - http.request: { path: "/leads/{{ body.id }}/notes", query: { page: 1 } }
  - id: whole
    source: whole
    actions:
      - http.request: { path: "{{ body.path }}" }
`;

let target: FakeTarget;
let t: TestBridge;

beforeAll(async () => {
  target = createFakeTarget();
  const { url } = await target.start();
  t = await startBridge(yaml, { env: { TARGET_URL: url } });
});

afterAll(async () => {
  await t.stop();
  await target.close();
});

beforeEach(() => {
  target.clearCalls();
});

async function deliver(source: string, body: Record<string, unknown>) {
  const answer = await t.post(source, JSON.stringify(body), { "content-type": "application/json" });
  const eventId = (answer.json as { event_id: string }).event_id;
  await t.settle();
  const [delivery] = await t.bridge.store.listDeliveries({ event_id: eventId });
  const attempts = delivery ? await t.bridge.store.listAttempts(delivery.id) : [];
  return { delivery, attempt: attempts[0] };
}

describe("a templated path segment", () => {
  it.each([
    ["a way up", "../admin"],
    ["an encoded way up", "%2e%2e/admin2"],
    ["a query", "5?admin=1&x="],
    ["a fragment", "5#rest"],
    ["a slash", "5/delete"],
    ["a leading slash", "/admin"],
    ["backslashes", "..\\..\\admin"],
    ["a percent sign", "100%"],
    ["a CR LF", "5\r\nX-Admin: 1"],
  ])("holding %s is sent as one encoded segment", async (_name, id) => {
    const { delivery } = await deliver("segment", { id });
    expect(delivery?.status).toBe("succeeded");
    expect(target.calls).toHaveLength(1);
    const call = target.calls[0];
    expect(call?.path).toBe(`/api/leads/${encodeURIComponent(id)}/notes`);
    const segments = call?.path.split("/") ?? [];
    expect(segments).toHaveLength(5);
    expect(decodeURIComponent(segments[3] ?? "")).toBe(id);
    expect(call?.query).toEqual({ page: "1" });
  });

  it.each([
    ["empty", { id: "" }, /empty segment/],
    ["missing", {}, /empty segment/],
    ["a step up", { id: ".." }, /rendered "\.\."/],
    ["a step in place", { id: "." }, /rendered "\."/],
  ])("that renders %s fails with invalid_path, sending nothing", async (_name, body, message) => {
    const { delivery, attempt } = await deliver("segment", body);
    expect(delivery?.status).toBe("failed");
    expect(attempt?.error_code).toBe("invalid_path");
    expect(attempt?.error_message).toMatch(message);
    expect(target.count).toBe(0);
  });

  it("that is the whole path is still one segment under base_url", async () => {
    const { delivery } = await deliver("whole", { path: "/../admin?x=1" });
    expect(delivery?.status).toBe("succeeded");
    expect(target.calls.map((c) => [c.path, c.query])).toEqual([
      ["/api/%2F..%2Fadmin%3Fx%3D1", {}],
    ]);
  });
});
