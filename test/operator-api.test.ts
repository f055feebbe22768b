import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeTarget } from "./fakes/fake-target.ts";
import { operatorClient, type OperatorClient } from "./operator-client.ts";
import { startBridge, type TestBridge } from "./start-bridge.ts";

/**
 * The operator API end to end on a real SQLite file and a fake HTTP target: find a failed
 * delivery by a phone written differently, see why, retry it without repeating what succeeded,
 * bulk retry with an estimate, cancel, replay under current and original rules, and the audit
 * log of it all; a wrong token changes nothing.
 */
const TOKEN = "test-admin-token-0123456789";
let broken = true;
const sink = createFakeTarget({
  respond: (call) =>
    call.path === "/second" && broken
      ? { status: 422, body: { error: "unknown field" } }
      : call.path === "/flaky"
        ? { status: 503, body: {} }
        : { status: 200, body: { ok: true } },
});
let t: TestBridge;
let api: OperatorClient;

const routes = (secondWhen: string) => `
version: 1
admin: { token: "\${ADMIN_TOKEN}" }
delivery: { poll_interval: 20ms, retry: [1h] }
targets:
  sink: { type: http, base_url: "\${TARGET_URL}" }
sources:
  forms:
routes:
  - id: signup
    source: forms
    when: { equals: { body.kind: signup } }
    actions:
      - http.request: { method: POST, path: /first, body: { phone: "{{ body.phone }}" } }
      - http.request: { method: POST, path: /second, body: { phone: "{{ body.phone }}" } }
  - id: flaky
    source: forms
    when: { equals: { body.kind: flaky } }
    actions:
      - http.request: { method: POST, path: /flaky, body: {} }
${secondWhen}`;

const calls = (path: string) => sink.calls.filter((c) => c.path === path).length;

beforeAll(async () => {
  const { url } = await sink.start();
  t = await startBridge(routes(""), { env: { ADMIN_TOKEN: TOKEN, TARGET_URL: url } });
  api = operatorClient(t.url, TOKEN);
});

afterAll(async () => {
  await t.stop();
  await sink.close();
});

describe("the operator API", () => {
  let eventId = "";
  let deliveryId = "";

  it("shows a delivery that failed at its 2nd action: its attempts, and every route with matched or why not", async () => {
    eventId = await t.postEvent("forms", { kind: "signup", phone: "+79123456789", name: "Ann" });
    await t.postEvent("forms", { kind: "signup", phone: "+79990000000" });
    await t.settle();
    expect([calls("/first"), calls("/second")]).toEqual([2, 2]);

    const failed = await api.get<{ data: { id: string; event_id: string; last_error: string }[] }>(
      "/deliveries?status=failed&route=signup",
    );
    const mine = failed.json.data.find((d) => d.event_id === eventId);
    expect(mine?.last_error).toMatch(/422/);
    deliveryId = mine?.id ?? "";

    const event = await api.get(`/events/${eventId}`);
    expect(event.status).toBe(200);
    expect(event.json).toMatchObject({
      id: eventId,
      source: "forms",
      body: { kind: "signup", phone: "+79123456789" },
      verification: { passed: true, checks: [] },
      routes: [
        { id: "signup", matched: true },
        {
          id: "flaky",
          matched: false,
          why_not: 'equals.body.kind: expected "flaky", saw "signup"',
        },
      ],
    });
    const detail = (event.json.deliveries as Record<string, unknown>[])[0];
    expect(detail).toMatchObject({ id: deliveryId, status: "failed", next_action: 1 });
    const attempts = detail?.attempt_history as {
      outcome: string;
      action_index: number;
      exchanges: { url: string }[];
    }[];
    expect(attempts.map((a) => [a.action_index, a.outcome])).toEqual([
      [0, "ok"],
      [1, "failed"],
    ]);
    expect(attempts[1]?.exchanges[0]?.url).toMatch(/\/second$/);
  });

  it("finds the event by a phone written differently", async () => {
    const found = await api.get<{ data: { id: string }[] }>(
      `/events?q=${encodeURIComponent("8 (912) 345-67-89")}`,
    );
    expect(found.status).toBe(200);
    expect(found.json.data.map((e) => e.id)).toEqual([eventId]);
  });

  it("refuses a wrong or missing token with 401 and changes nothing", async () => {
    const auditBefore = (await api.get<{ data: unknown[] }>("/audit")).json.data.length;
    for (const token of [undefined, "wrong-token-0123456789", `${TOKEN}x`]) {
      const stranger = operatorClient(t.url, token);
      const read = await stranger.get("/events");
      expect(read).toEqual({
        status: 401,
        json: { error: { code: "unauthorized", message: expect.any(String) as string } },
      });
      expect((await stranger.post(`/deliveries/${deliveryId}/retry`)).status).toBe(401);
      expect((await stranger.post("/targets/sink/pause", {})).status).toBe(401);
    }
    await t.settle();
    expect((await api.get(`/deliveries/${deliveryId}`)).json.status).toBe("failed");
    expect((await api.get<{ data: unknown[] }>("/audit")).json.data.length).toBe(auditBefore);
    expect((await api.get("/targets/sink")).json.paused).toBe(false);
  });

  it("retries it after the fix: the 2nd action runs again, the 1st is not repeated", async () => {
    broken = false;
    const first = calls("/first");
    const retried = await api.post(`/deliveries/${deliveryId}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.json.message).toMatch(/from action 2/);
    await t.settle();
    expect((await api.get(`/deliveries/${deliveryId}`)).json.status).toBe("succeeded");
    expect(calls("/first")).toBe(first);
    expect((await api.post(`/deliveries/${deliveryId}/retry`)).status).toBe(409);
    expect((await api.post("/deliveries/nope/retry")).json).toMatchObject({
      error: { code: "not_found" },
    });
  });

  it("retries by filter: an estimate, then an operation that runs to done", async () => {
    broken = true;
    for (const n of [1, 2, 3])
      await t.postEvent("forms", { kind: "signup", phone: `+7900000000${n}` });
    await t.settle();
    broken = false;
    const filter = { status: "failed", route: "signup" };
    const estimate = await api.post("/deliveries/retry", { filter, estimate: true });
    expect(estimate).toEqual({ status: 200, json: { estimate: true, total: 4 } });
    expect((await api.get("/deliveries?status=failed")).json.data).toHaveLength(4);

    const started = await api.post<{ id: string; total: number }>("/deliveries/retry", { filter });
    expect(started.status).toBe(202);
    expect(started.json.total).toBe(4);
    await t.bridge.operate.settled();
    const done = await api.get(`/operations/${started.json.id}`);
    expect(done.json).toMatchObject({
      status: "done",
      total: 4,
      done: 4,
      changed: 4,
      actor: "admin",
    });
    await t.settle();
    expect(
      (await api.get<{ data: unknown[] }>("/deliveries?status=failed")).json.data,
    ).toHaveLength(0);
  });

  it("cancels a delivery waiting for its retry", async () => {
    const id = await t.postEvent("forms", { kind: "flaky" });
    await t.settle();
    const [waiting] = (
      await api.get<{ data: { id: string; status: string }[] }>(`/deliveries?event_id=${id}`)
    ).json.data;
    expect(waiting?.status).toBe("pending");
    const cancelled = await api.post(`/deliveries/${waiting?.id ?? ""}/cancel`);
    expect(cancelled.json).toMatchObject({ status: "cancelled" });
    t.advance(2 * 3_600_000);
    await t.settle();
    expect((await api.get(`/deliveries/${waiting?.id ?? ""}`)).json.status).toBe("cancelled");
    expect(calls("/flaky")).toBe(1);
    expect((await api.post(`/deliveries/${waiting?.id ?? ""}/cancel`)).status).toBe(409);
  });

  it("replays under current rules after a route change (dry run first), and under original rules", async () => {
    writeFileSync(
      t.bridge.config().file,
      routes(`  - id: welcome
    source: forms
    when: { exists: body.name }
    actions:
      - http.request: { method: POST, path: /welcome, body: { name: "{{ body.name }}" } }
`),
    );
    expect(await t.bridge.reload()).toEqual([]);
    const dry = await api.post(`/events/${eventId}/replay`, { rules: "current", dry_run: true });
    expect(dry.json).toMatchObject({
      dry_run: true,
      dedupe: "bypassed",
      routes: [
        {
          id: "signup",
          first_action: {
            type: "http.request",
            target: "sink",
            params: { path: "/first", body: { phone: "+79123456789" } },
          },
        },
        { id: "welcome", first_action: { params: { path: "/welcome", body: { name: "Ann" } } } },
      ],
      deliveries: [],
    });
    expect(dry.json.differences).toEqual([
      expect.stringMatching(
        /^route signup: delivered again \(already has .* succeeded\)$/,
      ) as string,
      "route welcome: new, the event has no delivery of it",
    ]);
    await t.settle();
    expect(calls("/welcome")).toBe(0);

    const real = await api.post<{ deliveries: string[] }>(`/events/${eventId}/replay`, {
      rules: "current",
    });
    expect(real.json.deliveries).toHaveLength(2);
    await t.settle();
    expect(calls("/welcome")).toBe(1);

    const original = await api.post<{ deliveries: string[]; routes: { id: string }[] }>(
      `/events/${eventId}/replay`,
      { rules: "original" },
    );
    expect(original.json.routes.map((r) => r.id)).toEqual(["signup", "welcome"]);
    await t.settle();
    const event = await api.get<{ deliveries: { status: string }[] }>(`/events/${eventId}`);
    expect(event.json.deliveries.map((d) => d.status)).toEqual(Array(5).fill("succeeded"));
  });

  it("pauses and resumes a target, and the audit log shows every change with its actor", async () => {
    const paused = await api.post("/targets/sink/pause", { reason: "maintenance" });
    expect(paused.json).toMatchObject({
      name: "sink",
      paused: true,
      paused_by: "operator",
      pause_reason: "maintenance",
      paused_until: null,
    });

    await t.postEvent("forms", { kind: "flaky" });
    await t.settle();
    expect(calls("/flaky")).toBe(1);
    expect((await api.get("/targets/sink")).json).toMatchObject({ waiting: 1 });
    const resumed = await api.post("/targets/sink/resume");
    expect(resumed.json).toMatchObject({ paused: false });
    await t.until(() => calls("/flaky") === 2);
    expect((await api.post("/targets/nope/pause", {})).status).toBe(404);
    const garbled = await fetch(`${t.url}/api/v1/targets/sink/pause`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(garbled.status).toBe(400);
    expect(await garbled.json()).toMatchObject({ error: { code: "invalid_body" } });
    expect((await api.get("/events?limit=501")).json).toMatchObject({
      error: { code: "invalid_query" },
    });
    expect((await api.get("/nothing-here")).status).toBe(404);

    const audit = await api.get<{ data: { actor: string; action: string; subject: string }[] }>(
      "/audit?limit=500",
    );
    expect(
      audit.json.data
        .map((a) => `${a.actor} ${a.action} ${a.subject.split(":")[0] ?? ""}`)
        .reverse(),
    ).toEqual([
      "admin retry delivery",
      "admin bulk_retry operation",
      "admin bulk_retry_done operation",
      "admin cancel delivery",
      "admin replay event",
      "admin replay event",
      "admin pause target",
      "admin resume target",
    ]);
    const stats = await api.get("/stats?window=7d");
    expect(stats.json).toMatchObject({
      deliveries_by_status: { succeeded: 9, cancelled: 1, failed: 0 },
      by_route: expect.arrayContaining([
        { route_id: "welcome", status: "succeeded", count: 2 },
      ]) as unknown,
    });
    expect((await api.get("/stats?window=2w")).json).toMatchObject({
      error: { code: "invalid_query" },
    });
  });
});
