import { describe, expect, it } from "vitest";
import { createMasker } from "./mask-secrets.ts";

describe("createMasker().body", () => {
  const masker = createMasker(new Set(["env-secret-value"]));

  it.each([
    [
      "a token answer: secret keys masked",
      '{"access_token":"abc123","token_type":"Bearer","expires_in":3600}',
      '{"access_token":"***","token_type":"Bearer","expires_in":3600}',
    ],
    [
      "nested and in arrays",
      '[{"auth":{"client_secret":"x"}}]',
      '[{"auth":{"client_secret":"***"}}]',
    ],
    ["JSON without secrets: kept byte for byte", '{ "a": 1,  "b": [2] }', '{ "a": 1,  "b": [2] }'],
    ["a known secret value in text", "bad key env-secret-value here", "bad key *** here"],
    ["a known secret value in JSON", '{"echo": "env-secret-value"}', '{"echo":"***"}'],
    ["JSON-looking text that is not JSON", '{"token": broken', '{"token": broken'],
  ])("%s", (_name, input, expected) => {
    expect(masker.body(input)).toBe(expected);
  });
});

describe("createMasker().text: a secret in every encoding it takes on the wire", () => {
  const secret = "bh@Sec/ret+Key=1&x";
  const masker = createMasker(new Set([secret, "other-secret"]));
  const basic = (user: string) => Buffer.from(`${user}:${secret}`).toString("base64");

  it.each([
    ["as written", `client_secret=${secret}`, "client_secret=***"],
    ["percent-encoded", "client_secret=bh%40Sec%2Fret%2BKey%3D1%26x&a=1", "client_secret=***&a=1"],
    ["percent-encoded, lower-case hex", "s=bh%40Sec%2fret%2bKey%3d1%26x", "s=***"],
    [
      "form-encoded in a URL",
      `https://h/t?k=${new URLSearchParams({ s: secret }).toString()}`,
      "https://h/t?k=s=***",
    ],
    ["percent-encoded twice", `s=${encodeURIComponent(encodeURIComponent(secret))}`, "s=***"],
    ["in a JSON text with \\/", `{"s":"${secret.replaceAll("/", "\\/")}"}`, '{"s":"***"}'],
    ["JSON \\u escapes", '"bh\\u0040Sec\\u002Fret+Key=1\\u0026x"', '"***"'],
    [
      "Basic auth of user:password",
      `Authorization: Basic ${basic("ivan")}`,
      "Authorization: Basic ***",
    ],
    ["Basic auth, another user length", `Basic ${basic("id-17")}, next`, "Basic ***, next"],
    ["base64url of the secret", `t=${Buffer.from(secret).toString("base64url")}.sig`, "t=***.sig"],
    ["two secrets at once", `other%2Dsecret and ${encodeURIComponent(secret)}`, "*** and ***"],
    [
      "no secret: unchanged",
      "client_secret=bh%40Sec%2Fret%2BKey%3D2%26x",
      "client_secret=bh%40Sec%2Fret%2BKey%3D2%26x",
    ],
  ])("%s", (_name, input, expected) => {
    expect(masker.text(input)).toBe(expected);
  });
});

describe("createMasker().headers", () => {
  const masker = createMasker(new Set(["env-secret-value"]));

  it.each([
    [
      "a credential header, whatever its value",
      { Authorization: "Bearer abc" },
      { Authorization: "***" },
    ],
    [
      "an environment secret in a non-credential header",
      { "x-tenant": "t env-secret-value" },
      { "x-tenant": "t ***" },
    ],
    [
      "an encoded environment secret in a non-credential header",
      { "x-echo": "env%2Dsecret%2Dvalue" },
      { "x-echo": "***" },
    ],
    ["an ordinary header", { "content-type": "text/plain" }, { "content-type": "text/plain" }],
  ])("%s", (_name, input, expected) => {
    expect(masker.headers(input)).toEqual(expected);
  });
});

describe("createMasker().value: an action's output at every depth", () => {
  const masker = createMasker(new Set(["env-secret-value"]));

  it.each([
    [
      "response headers: credential ones and echoed secrets",
      { status: 200, headers: { "set-cookie": "sid=1", "x-echo": "env-secret-value" } },
      { status: 200, headers: { "set-cookie": "***", "x-echo": "***" } },
    ],
    [
      "deep in a body, in arrays and in keys",
      { body: { a: [{ b: "k=env-secret-value" }], "env-secret-value": 1, token: "t" } },
      { body: { a: [{ b: "k=***" }], "***": 1, token: "***" } },
    ],
    [
      "numbers, booleans and null kept",
      { n: 1, ok: true, none: null },
      { n: 1, ok: true, none: null },
    ],
  ])("%s", (_name, input, expected) => {
    expect(masker.value(input)).toEqual(expected);
  });
});
