import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createFakeTarget, type FakeTarget } from "./fakes/fake-target.ts";
import type { RecordedCall } from "./fakes/read-call.ts";
import { startBridge, type TestBridge } from "./start-bridge.ts";

/**
 * Secrets that targets echo back: whatever encoding a configured secret comes back in, none of
 * it reaches the database file, the log, last_error or the attempts.
 */
const CLIENT_ID = "client-7781";
const CLIENT_SECRET = "bh@Sec/ret+Key=1&x";

/** Every way a secret can be written on the wire (and in JSON text). */
function encodings(secret: string, user?: string): string[] {
  const forms = [
    secret,
    encodeURIComponent(secret),
    encodeURIComponent(secret)
      .toLowerCase()
      .replace(/%[0-9a-f]{2}/g, (h) => h),
    new URLSearchParams({ s: secret }).toString().slice(2),
    encodeURIComponent(encodeURIComponent(secret)),
    JSON.stringify(secret).slice(1, -1),
    JSON.stringify(JSON.stringify(secret)).slice(3, -3),
    secret.replaceAll("/", "\\/"),
    Buffer.from(secret).toString("base64").replace(/=+$/, ""),
    Buffer.from(secret).toString("base64url"),
  ];
  if (user) forms.push(Buffer.from(`${user}:${secret}`).toString("base64").replace(/=+$/, ""));
  return [...new Set(forms)];
}

/** What a botbridge keeps: its SQLite files' bytes, log lines, and what the store answers. */
async function everythingKept(t: TestBridge): Promise<Record<string, string>> {
  const files = readdirSync(t.dir).filter((f) => f.startsWith("botbridge.db"));
  const deliveries = await t.deliveries();
  const attempts = await Promise.all(deliveries.map((d) => t.bridge.store.listAttempts(d.id)));
  return {
    "database file": files.map((f) => readFileSync(join(t.dir, f)).toString("utf8")).join("\n"),
    log: t.logs.map((line) => JSON.stringify(line)).join("\n"),
    last_error: JSON.stringify(deliveries.map((d) => d.last_error)),
    attempts: JSON.stringify(attempts),
    outputs: JSON.stringify(deliveries.map((d) => d.outputs)),
  };
}

/** `where: form` for every encoding of a secret found in what was kept. */
function leaks(kept: Record<string, string>, forms: string[]): string[] {
  return Object.entries(kept).flatMap(([where, text]) =>
    forms.filter((form) => text.includes(form)).map((form) => `${where}: ${form}`),
  );
}

let fake: FakeTarget;
let t: TestBridge;

afterEach(async () => {
  await t.stop();
  await fake.close();
});

describe("a BotHelp token endpoint that echoes the client credentials", () => {
  it("leaves no encoding of client_id or client_secret in the database file, the log, last_error or attempts", async () => {
    let calls = 0;
    const echo = (call: RecordedCall) => {
      calls += 1;
      const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64");
      if (calls === 1)
        return {
          status: 503,
          headers: { location: `/retry?${call.rawBody}` },
          body: `busy; you sent ${call.rawBody}`,
        };
      return {
        status: 400,
        headers: { location: `/oauth2/token?${call.rawBody}` },
        body: {
          error: "invalid_client",
          error_description: `rejected ${call.rawBody} (as Basic ${basic})`,
        },
      };
    };
    fake = createFakeTarget({ respond: echo });
    await fake.start();
    t = await startBridge(
      `
version: 1
delivery: { poll_interval: 20ms, retry: [10s] }
targets:
  bothelp:
    type: bothelp
    api_url: \${FAKE_URL}
    token_url: \${FAKE_URL}/oauth2/token
    client_id: \${BOTHELP_CLIENT_ID}
    client_secret: \${BOTHELP_CLIENT_SECRET}
    check_referrals: false
sources:
  forms:
routes:
  - id: tag
    source: forms
    actions:
      - bothelp.add_tags: { subscriber: { id: "{{ body.id }}" }, tags: [paid] }
`,
      {
        env: {
          FAKE_URL: fake.url,
          BOTHELP_CLIENT_ID: CLIENT_ID,
          BOTHELP_CLIENT_SECRET: CLIENT_SECRET,
        },
      },
    );
    expect((await t.post("forms", '{"id":5}', { "content-type": "application/json" })).status).toBe(
      200,
    );
    await t.settle();
    t.advance(10_000);
    const [delivery] = await t.settle();

    expect(fake.calls.map((c) => c.path)).toEqual(["/oauth2/token", "/oauth2/token"]);
    expect(fake.calls[0]?.rawBody).toContain(encodeURIComponent(CLIENT_SECRET));
    expect(delivery?.status).toBe("pending"); // held: the target refused the credentials
    expect(delivery?.last_error).toMatch(
      /^bothelp_auth_failed: .*HTTP 400: invalid_client: rejected .*client_secret=\*\*\*/,
    );
    const kept = await everythingKept(t);
    expect(kept.log).toContain("bothelp_auth_failed");
    expect(kept.attempts).toContain("busy; you sent");
    expect(leaks(kept, [...encodings(CLIENT_SECRET, CLIENT_ID), ...encodings(CLIENT_ID)])).toEqual(
      [],
    );
  });
});

describe("an HTTP target that echoes its request headers", () => {
  const secret = 'hd"r\\Sec/ret+v@l 9';
  const basic = Buffer.from(`svc:${secret}`).toString("base64");

  it("leaves no encoding of the secret in outputs (every header, the body at any depth), the database file or the log; an output is stored once", async () => {
    fake = createFakeTarget({
      respond: (call) =>
        call.path === "/api/echo"
          ? {
              status: 200,
              headers: {
                "x-echo": call.headers["x-api-secret"] ?? "",
                "x-echo-encoded": encodeURIComponent(call.headers["x-api-secret"] ?? ""),
                "x-echo-basic": `Basic ${basic}`,
                "set-cookie": "sid=s-1; HttpOnly",
              },
              body: {
                lead_id: 42,
                seen: { headers: call.headers },
                deep: [{ form: new URLSearchParams({ k: secret }).toString() }],
                json_text: JSON.stringify({ s: secret }),
              },
            }
          : { status: 200, body: { ok: true } },
    });
    await fake.start();
    t = await startBridge(
      `
version: 1
delivery: { poll_interval: 20ms }
targets:
  crm:
    type: http
    base_url: \${FAKE_URL}/api
    headers: { X-Api-Secret: "\${HTTP_SECRET}" }
sources:
  forms:
routes:
  - id: enrich
    source: forms
    actions:
      - id: echo
        http.request: { method: POST, path: /echo }
      - http.request:
          method: POST
          path: /next
          body:
            lead: "{{ steps.echo.body.lead_id }}"
            echoed: "{{ steps.echo.headers.\`x-echo\` }}"
            steps: "{{ $keys(steps) }}"
`,
      { env: { FAKE_URL: fake.url, HTTP_SECRET: secret } },
    );
    expect((await t.post("forms", "{}", { "content-type": "application/json" })).status).toBe(200);
    const [delivery] = await t.settle();

    expect(delivery?.status).toBe("succeeded");
    expect(fake.calls[0]?.headers["x-api-secret"]).toBe(secret);
    expect(fake.calls[1]?.body).toEqual({ lead: 42, echoed: "***", steps: "echo" });
    expect(Object.keys(delivery?.outputs ?? {})).toEqual(["0", "1"]);
    expect(delivery?.outputs["0"]).toMatchObject({
      status: 200,
      headers: { "x-echo": "***", "x-echo-basic": "Basic ***", "set-cookie": "***" },
      body: { lead_id: 42, seen: { headers: { "x-api-secret": "***" } } },
    });
    expect(leaks(await everythingKept(t), encodings(secret, "svc"))).toEqual([]);
  });
});
