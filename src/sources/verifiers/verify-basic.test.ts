import { describe, expect, it } from "vitest";
import type { CheckInput } from "./check-result.ts";
import { verifyBasic } from "./verify-basic.ts";

const settings = { username: "bridge", password: "pd-test-password" };
const basic = (text: string) => `Basic ${Buffer.from(text).toString("base64")}`;

function input(authorization?: string): CheckInput {
  return {
    method: "POST",
    url: "http://localhost/hooks/x",
    headers: authorization === undefined ? {} : { authorization },
    query: {},
    body: undefined,
    raw: Buffer.alloc(0),
    remote_address: "127.0.0.1",
    now: 0,
  };
}

describe("verifyBasic", () => {
  it.each<[string, string | undefined, boolean, string]>([
    ["the right credentials", basic("bridge:pd-test-password"), true, "basic credentials match"],
    [
      "a lower-case scheme",
      `basic ${Buffer.from("bridge:pd-test-password").toString("base64")}`,
      true,
      "basic credentials match",
    ],
    [
      "a password with a colon",
      basic("bridge:pd:x"),
      false,
      "basic credentials mismatch: wrong password",
    ],
    [
      "a wrong user",
      basic("other:pd-test-password"),
      false,
      "basic credentials mismatch: wrong user name",
    ],
    ["no header", undefined, false, "basic credentials missing: no Authorization header"],
    [
      "a bearer token",
      "Bearer abc",
      false,
      "basic credentials malformed: Authorization is not Basic <base64>",
    ],
    ["no colon", basic("bridge"), false, "basic credentials malformed: no user:password"],
    [
      "the right credentials with trailing garbage",
      `${basic("bridge:pd-test-password")}zz`,
      false,
      "basic credentials malformed: Authorization is not Basic <base64>",
    ],
    [
      "the right credentials after garbage",
      `Basic !!${Buffer.from("bridge:pd-test-password").toString("base64")}`,
      false,
      "basic credentials malformed: Authorization is not Basic <base64>",
    ],
  ])("%s", (_name, header, ok, reason) => {
    expect(verifyBasic(settings, input(header))).toEqual({ scheme: "basic", ok, reason });
  });
});
