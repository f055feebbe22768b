import { describe, expect, it } from "vitest";
import { hasBearerToken } from "./has-bearer-token.ts";

const TOKEN = "0123456789abcdef0123";

describe("hasBearerToken", () => {
  it.each<[string, string | undefined, string[], boolean]>([
    ["the token", `Bearer ${TOKEN}`, [TOKEN], true],
    ["the scheme in any case", `bearer ${TOKEN}`, [TOKEN], true],
    ["any of several tokens", `Bearer ${TOKEN}`, ["another-token-value", TOKEN], true],
    ["no header", undefined, [TOKEN], false],
    ["another token", "Bearer wrong-token-value-000", [TOKEN], false],
    ["a prefix of the token", `Bearer ${TOKEN.slice(0, 10)}`, [TOKEN], false],
    ["Basic instead of Bearer", `Basic ${TOKEN}`, [TOKEN], false],
    ["a bare token", TOKEN, [TOKEN], false],
    ["no token configured", `Bearer ${TOKEN}`, [], false],
    ["an empty configured token", "Bearer ", [""], false],
  ])("%s", (_name, header, tokens, expected) => {
    expect(hasBearerToken(header, tokens)).toBe(expected);
  });
});
