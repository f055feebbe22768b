import { afterEach, describe, expect, it } from "vitest";
import { createFakeTarget } from "./fakes/fake-target.ts";
import { operatorClient } from "./operator-client.ts";
import { sinkRoutes } from "./sink-routes.ts";
import { startBridge, type TestBridge } from "./start-bridge.ts";

// Alert issues in the operator API, sent through the webhook channel: listed by status,
// acknowledged (audited; no more digests), resolved (its message still sent), then 409.

const ADMIN = "test-admin-token-0123456789";
const HOOK_TOKEN = "alert-hook-secret-token";
const MIN = 60_000;

let t: TestBridge | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await t?.stop();
  t = undefined;
  for (const close of closers.splice(0)) await close();
});

describe("alert issues in the API", () => {
  it("lists, acknowledges and resolves an issue; the webhook gets each message", async () => {
    let down = true;
    const sink = createFakeTarget({
      respond: () => (down ? { status: 503, body: "down" } : { status: 200, body: {} }),
    });
    const hook = createFakeTarget();
    const [{ url: sinkUrl }, { url: hookUrl }] = await Promise.all([sink.start(), hook.start()]);
    closers.push(
      () => sink.close(),
      () => hook.close(),
    );
    const settings = `admin: { token: "\${ADMIN_TOKEN}" }
alerts:
  digest_every: 10m
  console_url: https://bridge.example.com/
  channels:
    webhook:
      url: ${hookUrl}/alerts
      headers: { Authorization: "Bearer \${HOOK_TOKEN}" }
      body: { text: "{{ alert.text }}", stage: "{{ alert.stage }}", issue: "{{ alert.issue_id }}" }
  conditions:
    deliveries_failing: { count: 1 }
    disk_free: { enabled: false }
`;
    t = await startBridge(
      sinkRoutes({
        settings,
        delivery: "poll_interval: 20ms, circuit_breaker: { failures: 1000 }",
      }),
      { env: { TARGET_URL: sinkUrl, ADMIN_TOKEN: ADMIN, HOOK_TOKEN } },
    );
    const bridge = t;
    const api = operatorClient(bridge.url, ADMIN);
    const step = async (ms: number) => {
      bridge.advance(ms);
      await bridge.settle();
      await bridge.bridge.alerts.evaluate();
    };
    const stages = () => hook.calls.map((c) => (c.body as { stage: string }).stage);

    await bridge.postEvent("forms", { n: 1 });
    await step(0);
    expect(stages()).toEqual(["opened"]);
    expect(hook.calls[0]?.headers.authorization).toBe(`Bearer ${HOOK_TOKEN}`);
    const sent = hook.calls[0]?.body as { text: string; issue: string };
    expect(sent.text).toMatch(
      /^botbridge: PROBLEM\n1 deliveries to target sink failed.*\nhttps:\/\/bridge\.example\.com\/targets\/sink$/s,
    );

    const open = await api.get("/issues?status=open");
    expect(open.status).toBe(200);
    expect(open.json.data).toEqual([
      expect.objectContaining({
        id: sent.issue,
        kind: "deliveries_failing",
        subject: "sink",
        status: "open",
        link: "https://bridge.example.com/targets/sink",
        acknowledged_by: null,
      }),
    ]);
    const acked = await api.post(`/issues/${sent.issue}/acknowledge`);
    expect(acked).toMatchObject({
      status: 200,
      json: { status: "acknowledged", acknowledged_by: "admin" },
    });

    await step(11 * MIN); // still failing, but acknowledged: no digest
    expect(stages()).toEqual(["opened"]);
    const audit = await api.get("/audit");
    expect(audit.json.data).toContainEqual(
      expect.objectContaining({ action: "acknowledge", subject: `issue:${sent.issue}` }),
    );

    down = false;
    await step(60 * MIN);
    expect(stages()).toEqual(["opened", "resolved"]);
    const resolved = await api.get("/issues?status=resolved");
    expect(resolved.json.data).toEqual([expect.objectContaining({ id: sent.issue })]);
    expect(await api.post(`/issues/${sent.issue}/acknowledge`)).toMatchObject({
      status: 409,
      json: { error: { code: "conflict" } },
    });
    expect((await api.post("/issues/nope/acknowledge")).status).toBe(404);
    expect((await api.get("/issues?status=closed")).status).toBe(400);
    expect(JSON.stringify(bridge.logs)).not.toContain(HOOK_TOKEN);
  });
});
