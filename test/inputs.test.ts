import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFixture } from "./read-fixture.ts";
import { startBridge, type TestBridge } from "./start-bridge.ts";

/**
 * Inputs read the way their sender meant, through a real server: JSON posted as a form (what
 * `curl -d` sends) is read as JSON and says so, a GET where the source takes POST only stores
 * nothing, and an amoCRM request carrying several leads becomes one event (and one delivery of a
 * route written for `[0]`) per lead, each deduped on its own.
 */
const YAML = `
version: 1
targets:
  crm: { type: http, base_url: "https://crm.example.com/api", dry_run: true }
sources:
  forms: {}
  amocrm:
    preset: amocrm
    verify: { token: secret-token }
routes:
  - id: forms-all
    source: forms
    actions:
      - http.request: { method: POST, path: /forms, body: { email: "{{ body.email }}" } }
  - id: amocrm-status
    source: amocrm
    when: { equals: { "body.leads.status[0].status_id": 76789234 } }
    order_by: "{{ body.leads.status[0].id }}"
    actions:
      - http.request: { path: "/leads/{{ body.leads.status[0].id }}" }
`;

let t: TestBridge;
beforeAll(async () => {
  t = await startBridge(YAML);
});
afterAll(async () => {
  await t.stop();
});

describe("a body is read as its sender meant", () => {
  it("reads JSON posted as a form as JSON, marks the event and logs it", async () => {
    const response = await t.post("forms", '{"email":"anna@example.com"}', {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(response.status).toBe(200);
    const { event_id } = response.json as { event_id: string };
    const event = await t.bridge.store.getEvent(event_id);
    expect(event?.body).toEqual({ email: "anna@example.com" });
    expect(event?.headers["x-botbridge-parsed-as"]).toBe("json");
    expect(t.logs).toContainEqual(
      expect.objectContaining({
        code: "parsed_as_json",
        source: "forms",
        content_type: "application/x-www-form-urlencoded",
      }),
    );
    const [delivery] = await t.settle();
    expect(delivery?.status).toBe("succeeded");
    const [attempt] = await t.attemptsOf(event_id);
    expect(attempt?.exchanges[0]?.request_body).toEqual({ email: "anna@example.com" });
  });

  it.each<[string, string, number, string | null]>([
    ["a browser opening a POST-only source's URL", "GET", 405, "POST"],
    ["a HEAD request", "HEAD", 405, "POST"],
    ["a PUT", "PUT", 405, "POST"],
  ])("refuses %s and stores nothing", async (_name, method, status, allow) => {
    const before = (await t.bridge.store.stats()).events;
    const response = await fetch(`${t.url}/hooks/forms?email=a@example.com`, { method });
    expect(response.status).toBe(status);
    expect(response.headers.get("allow")).toBe(allow);
    if (method !== "HEAD")
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        "method_not_allowed",
      );
    expect((await t.bridge.store.stats()).events).toBe(before);
  });
});

describe("an amoCRM request with several leads", () => {
  const fixture = readFixture("amocrm-leads-status-batch.form");
  const send = () =>
    t.post("amocrm", fixture.body, fixture.headers, "token=secret-token") as Promise<{
      status: number;
      json: { ok: boolean; events: { event_id: string; duplicate?: boolean }[] };
    }>;

  it("becomes one event per lead, each routed by a route written for [0]", async () => {
    const response = await send();
    expect(response.status).toBe(200);
    expect(response.json.events).toHaveLength(3);
    const ids: string[] = [];
    const orderKeys = new Set<string | null>();
    for (const { event_id } of response.json.events) {
      const event = await t.bridge.store.getEvent(event_id);
      const body = event?.body as { leads: { status: { id: string }[] }; account: unknown };
      expect(body.leads.status).toHaveLength(1);
      expect(body.account).toMatchObject({ subdomain: "examplecorp" });
      ids.push(body.leads.status[0]!.id);
      const deliveries = await t.bridge.store.listDeliveries({ event_id });
      expect(deliveries.map((d) => d.route_id)).toEqual(["amocrm-status"]);
      orderKeys.add(deliveries[0]!.order_key);
    }
    expect(ids).toEqual(["32966269", "32966271", "32966275"]);
    expect(orderKeys.size).toBe(3);
  });

  it("is a repeat, lead by lead, when it comes again", async () => {
    const response = await send();
    expect(response.json.events.map((e) => e.duplicate)).toEqual([true, true, true]);
  });
});
