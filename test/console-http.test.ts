import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFakeTarget, type FakeTarget } from "./fakes/fake-target.ts";
import { CONSOLE_TOKEN, consoleRoutes } from "./console-routes.ts";
import { logInConsole, type ConsoleClient } from "./console-session.ts";
import { startBridge, type TestBridge } from "./start-bridge.ts";

// The console over plain HTTP: what a browser test would not show (CSRF refusals, escaping,
// redirects), and that the rest of the server is still where it was.
let t: TestBridge;
let crm: FakeTarget;
let client: ConsoleClient;

beforeAll(async () => {
  crm = createFakeTarget();
  const { url } = await crm.start();
  t = await startBridge(consoleRoutes(), { env: { TARGET_URL: url } });
  client = await logInConsole(t.url);
});

afterAll(async () => {
  await t.stop();
  await crm.close();
});

describe("console over HTTP", () => {
  it("sends a page without a session to the login form, and keeps the address to come back to", async () => {
    const response = await fetch(`${t.url}/events?q=x`, { redirect: "manual" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/login?back=%2Fevents%3Fq%3Dx");
  });

  it("refuses a wrong token and never redirects off the console", async () => {
    const wrong = await fetch(`${t.url}/login`, {
      method: "POST",
      body: new URLSearchParams({ token: "not-the-token-0123456789" }),
      redirect: "manual",
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("set-cookie")).toBeNull();
    const away = await fetch(`${t.url}/login`, {
      method: "POST",
      body: new URLSearchParams({ token: CONSOLE_TOKEN, back: "//evil.example/x" }),
      redirect: "manual",
    });
    expect(away.headers.get("location")).toBe("/");
    const cookie = away.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
  });

  it("refuses a POST without the CSRF token, with another session's, or from another origin", async () => {
    const other = await logInConsole(t.url);
    const cases: [string, Record<string, string>, Record<string, string>][] = [
      ["no token", {}, {}],
      ["another session's token", { _csrf: other.csrf }, {}],
      ["another origin", { _csrf: client.csrf }, { origin: "http://evil.example" }],
    ];
    for (const [why, form, headers] of cases) {
      const response = await client.post("/targets/crm/pause", form, headers);
      expect(response.status, why).toBe(403);
    }
    expect((await t.bridge.store.pausedTargets(t.clock.now())).has("crm")).toBe(false);
    const allowed = await client.post(
      "/targets/crm/pause",
      {},
      { "x-csrf-token": client.csrf, origin: t.url },
    );
    expect(allowed.status).toBe(303);
    const resumed = await client.post("/targets/crm/resume", { _csrf: client.csrf });
    expect(resumed.status).toBe(303);
  });

  it("shows a hostile body as text", async () => {
    const id = await t.postEvent("forms", {
      n: 1,
      name: "<script>alert(1)</script>",
      "<img src=x onerror=alert(2)>": "\"'",
    });
    const page = await client.get(`/events/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page.text).toContain("&lt;img src=x onerror=alert(2)&gt;");
    expect(page.text).not.toContain("<script>alert(1)");
    expect(page.text).not.toContain("<img src=x");
  });

  it("keeps /hooks, /healthz, /readyz and the JSON 404 where they were, and serves htmx", async () => {
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
    const missing = await fetch(`${t.url}/nothing-here`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "not_found" } });
    const htmx = await fetch(`${t.url}/assets/htmx.min.js`);
    expect(htmx.headers.get("cache-control")).toContain("max-age=31536000");
    expect(await htmx.text()).toContain("htmx");
    const unknown = await client.get("/events/no-such-event");
    expect(unknown.status).toBe(404);
  });

  it("shows the rules file with its secrets masked, and a refused reload's problems", async () => {
    const rules = await client.get("/rules");
    expect(rules.text).toContain("tilda-lead");
    expect(rules.text).not.toContain(CONSOLE_TOKEN);
    expect(rules.text).not.toContain('id="refused"');
    writeFileSync(join(t.dir, "routes.yaml"), consoleRoutes().replace("tilda-lead", "tilda lead"));
    expect(await t.bridge.reload()).not.toEqual([]);
    const refused = await client.get("/rules");
    expect(refused.text).toContain('id="refused"');
    expect(refused.text).toContain("routes[0].id");
    expect(refused.text).toContain("tilda-lead");
  });
});
