import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeTarget, type FakeTarget } from "./fakes/fake-target.ts";
import { startBridge, type TestBridge } from "./start-bridge.ts";

/**
 * http.request end to end: templated method, path, query, headers and JSON body, the target's
 * headers, the output for later steps and the secret masked in the attempt. Form bodies, accepted
 * statuses and paths that try to leave base_url are tested on the action alone, beside it.
 */
const yaml = `
version: 1
delivery: { poll_interval: 20ms }
targets:
  crm:
    type: http
    base_url: \${TARGET_URL}/api/v4
    headers: { Authorization: "Bearer \${CRM_TOKEN}", X-Team: sales }
sources:
  hook:
routes:
  - id: call
    source: hook
    actions:
      - id: got
        http.request:
          method: "{{ body.method }}"
          path: "/{{ body.kind }}/{{ body.lead }}"
          query: { with: contacts, page: "{{ body.page }}", id: [1, "{{ body.id }}"], none: "{{ body.none }}" }
          headers: { X-Request-Id: "{{ event.id }}" }
          body: "{{ body.payload }}"
          body_format: "{{ body.format ? body.format : 'json' }}"
          accept_status: [404]
`;

let target: FakeTarget;
let t: TestBridge;

beforeEach(async () => {
  target = createFakeTarget({
    respond: (call) => ({
      status: 201,
      headers: { "x-request-id": "r-1" },
      body: { echo: call.body ?? null },
    }),
  });
  await target.start();
  t = await startBridge(yaml, { env: { TARGET_URL: target.url, CRM_TOKEN: "crm-secret-42" } });
});

afterEach(async () => {
  await t.stop();
  await target.close();
});

async function run(body: Record<string, unknown>) {
  const eventId = await t.postEvent("hook", body);
  const [delivery] = await t.settle();
  const attempts = delivery ? await t.bridge.store.listAttempts(delivery.id) : [];
  return { eventId, delivery, attempt: attempts[0] };
}

describe("http.request", () => {
  it("sends query, target and request headers and a JSON body; output is status, headers, parsed body", async () => {
    const { eventId, delivery, attempt } = await run({
      method: "POST",
      kind: "leads",
      lead: 7,
      page: 2,
      id: 3,
      payload: { n: 1, nested: { ok: true } },
    });
    expect(delivery?.status).toBe("succeeded");
    const call = target.calls[0];
    expect(call?.path).toBe("/api/v4/leads/7");
    expect(call?.headers).toMatchObject({
      authorization: "Bearer crm-secret-42",
      "x-team": "sales",
      "x-request-id": eventId,
      "content-type": "application/json",
    });
    expect(call?.body).toEqual({ n: 1, nested: { ok: true } });
    expect(attempt?.exchanges[0]?.url).toBe(
      `${target.url}/api/v4/leads/7?with=contacts&page=2&id=1&id=3`,
    );
    expect(delivery?.outputs["0"]).toEqual({
      status: 201,
      headers: expect.objectContaining({ "x-request-id": "r-1" }) as object,
      body: { echo: { n: 1, nested: { ok: true } } },
    });
    expect(JSON.stringify(attempt)).not.toContain("crm-secret-42");
  });
});
