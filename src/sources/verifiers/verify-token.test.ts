import { describe, expect, it } from "vitest";
import type { CheckInput } from "./check-result.ts";
import { removeToken, verifyToken, type TokenSettings } from "./verify-token.ts";

function input(over: Partial<CheckInput>): CheckInput {
  return {
    method: "POST",
    url: "http://localhost/hooks/x",
    headers: {},
    query: {},
    body: undefined,
    raw: Buffer.alloc(0),
    remote_address: "127.0.0.1",
    now: 0,
    ...over,
  };
}

const query: TokenSettings = { secret: ["k1"], in: "query", name: "token" };
const header: TokenSettings = { secret: ["k1", "k2"], in: "header", name: "X-Bridge-Token" };
const body: TokenSettings = { secret: ["k1"], in: "body", name: "auth[application_token]" };

describe("verifyToken", () => {
  it.each<[string, TokenSettings, Partial<CheckInput>, boolean, string]>([
    ["query", query, { query: { token: "k1" } }, true, "token matches (query parameter token)"],
    [
      "query, wrong",
      query,
      { query: { token: "k2" } },
      false,
      "token mismatch: query parameter token has a wrong value",
    ],
    ["query, missing", query, { query: {} }, false, "token missing: no query parameter token"],
    [
      "query, repeated",
      query,
      { query: { token: ["k1", "k1"] } },
      false,
      "token malformed: query parameter token is not text",
    ],
    [
      "header, second secret",
      header,
      { headers: { "x-bridge-token": "k2" } },
      true,
      "token matches (header X-Bridge-Token)",
    ],
    ["header, missing", header, {}, false, "token missing: no header X-Bridge-Token"],
    [
      "body field",
      body,
      { body: { auth: { application_token: "k1" } } },
      true,
      "token matches (body field auth[application_token])",
    ],
    [
      "body field, wrong",
      body,
      { body: { auth: { application_token: "k" } } },
      false,
      "token mismatch: body field auth[application_token] has a wrong value",
    ],
    [
      "body field, no body",
      body,
      { body: "text" },
      false,
      "token missing: no body field auth[application_token]",
    ],
  ])("%s", (_name, settings, over, ok, reason) => {
    expect(verifyToken(settings, input(over))).toEqual({ scheme: "token", ok, reason });
  });

  it.each<
    [
      TokenSettings,
      { query: Record<string, unknown>; body: unknown; headers: Record<string, string> },
      unknown,
    ]
  >([
    [
      query,
      { query: { token: "k1", a: "1" }, body: { token: "stays" }, headers: {} },
      { query: { a: "1" }, body: { token: "stays" }, headers: {} },
    ],
    [
      header,
      { query: {}, body: undefined, headers: { "x-bridge-token": "k1", host: "h" } },
      { query: {}, body: undefined, headers: { host: "h" } },
    ],
    [
      body,
      {
        query: {},
        body: { event: "E", auth: { domain: "d", application_token: "k1" } },
        headers: {},
      },
      { query: {}, body: { event: "E", auth: { domain: "d" } }, headers: {} },
    ],
  ])("removes the token from what is stored (%j)", (settings, event, expected) => {
    expect(removeToken(settings, event)).toEqual(expected);
  });
});
