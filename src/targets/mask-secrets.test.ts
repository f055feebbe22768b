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
