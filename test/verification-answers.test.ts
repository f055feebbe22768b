import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createActions } from "../src/actions/actions.ts";
import { explainRequest } from "../src/admin/explain-request.ts";
import { startBridge, type TestBridge } from "./start-bridge.ts";

/**
 * A refused request tells its caller nothing to aim at: every failure gets the same 401 body,
 * while the server's log line and `botbridge explain` name the check and why it failed.
 */
const yaml = `
version: 1
sources:
  basic: { verify: { basic: { username: bridge, password: "\${HOOK_PASSWORD}" } } }
  signed: { verify: { hmac: { secret: [old-secret, "\${HOOK_SECRET}"], header: X-Hook-Signature } } }
  timed:
    verify:
      hmac:
        secret: "\${HOOK_SECRET}"
        header: x-hook-signature
        timestamp_header: x-hook-time
        signed: "{timestamp}.{body}"
  header_token: { verify: { token: { secret: "\${HOOK_TOKEN}", in: header, name: X-Hook-Token } } }
  office: { verify: { ip_allow: [203.0.113.0/24] } }
`;
const env = { HOOK_PASSWORD: "pw-1f9e", HOOK_SECRET: "hs-77a0", HOOK_TOKEN: "tk-5c2d" };
const body = '{"lead":{"id":42}}';
const hmac = (content: string, secret = env.HOOK_SECRET) =>
  createHmac("sha256", secret).update(content).digest("hex");
const basic = (text: string) => `Basic ${Buffer.from(text).toString("base64")}`;

let bridge: TestBridge;
beforeAll(async () => {
  bridge = await startBridge(yaml, { env });
});
afterAll(async () => {
  await bridge.stop();
});

describe("a 401 says only verification_failed; the log and explain keep the detail", () => {
  const now = () => bridge.clock.now();
  it.each<[string, string, () => Record<string, string>, string]>([
    [
      "a wrong user name",
      "basic",
      () => ({ authorization: basic(`intruder:${env.HOOK_PASSWORD}`) }),
      "basic: basic credentials mismatch: wrong user name",
    ],
    [
      "a wrong password",
      "basic",
      () => ({ authorization: basic("bridge:guess") }),
      "basic: basic credentials mismatch: wrong password",
    ],
    [
      "a signature from another secret, two secrets configured",
      "signed",
      () => ({ "x-hook-signature": hmac(body, "guess") }),
      `hmac: signature mismatch: computed over ${body.length} bytes with sha256/hex from header x-hook-signature, 2 secrets tried`,
    ],
    [
      "a valid signature with trailing garbage",
      "timed",
      () => ({
        "x-hook-time": String(now() / 1000),
        "x-hook-signature": `${hmac(`${now() / 1000}.${body}`)}zz`,
      }),
      "hmac: signature malformed: not hex (header x-hook-signature)",
    ],
    [
      "a valid signature, 10 minutes old",
      "timed",
      () => {
        const time = String(now() / 1000 - 600);
        return { "x-hook-time": time, "x-hook-signature": hmac(`${time}.${body}`) };
      },
      "hmac: timestamp 600 s old, tolerance 300 s",
    ],
    [
      "a wrong token in a header",
      "header_token",
      () => ({ "x-hook-token": "guess" }),
      "token: token mismatch: header X-Hook-Token has a wrong value",
    ],
    [
      "an address outside ip_allow",
      "office",
      () => ({}),
      "ip_allow: address 127.0.0.1 is not in ip_allow",
    ],
  ])("%s", async (_name, source, makeHeaders, detail) => {
    const headers = { "content-type": "application/json", ...makeHeaders() };
    const before = bridge.logs.length;
    const response = await fetch(`${bridge.url}/hooks/${source}`, {
      method: "POST",
      headers,
      body,
    });
    expect(response.status).toBe(401);
    expect(await response.text()).toBe(
      JSON.stringify({
        error: {
          code: "verification_failed",
          message: "the request is not verified; the server's log says why",
        },
      }),
    );
    const line = bridge.logs.slice(before).find((l) => l.code === "verification_failed");
    expect(line).toMatchObject({ source, failed: [detail] });

    const explained = await explainRequest(
      bridge.bridge.config(),
      new Map(createActions().map((a) => [a.type, a])),
      {
        source,
        method: "POST",
        path: `/hooks/${source}`,
        query: "",
        headers,
        raw: Buffer.from(body),
        remote_address: "127.0.0.1",
      },
      now(),
    );
    expect(explained.verification.verified).toBe(false);
    expect(
      explained.verification.checks.filter((c) => !c.ok).map((c) => `${c.scheme}: ${c.reason}`),
    ).toEqual([detail]);
    for (const secret of Object.values(env))
      expect(JSON.stringify(bridge.logs)).not.toContain(secret);
  });
});
