import { describe, expect, it } from "vitest";
import { checkToken } from "./check-token.ts";

const tokens = [
  { name: "old", token: "0123456789abcdef-old" },
  { name: "new", token: "0123456789abcdef-new" },
];

describe("checkToken", () => {
  it.each([
    ["the first token", "Bearer 0123456789abcdef-old", "old"],
    ["the second token (rotation)", "Bearer 0123456789abcdef-new", "new"],
    ["the scheme in any case", "bearer 0123456789abcdef-new", "new"],
    ["trailing spaces", "Bearer 0123456789abcdef-new  ", "new"],
    ["no header", undefined, null],
    ["an empty header", "", null],
    ["a wrong token", "Bearer 0123456789abcdef-xxx", null],
    ["a prefix of a token", "Bearer 0123456789abcdef", null],
    ["a token with more after it", "Bearer 0123456789abcdef-new2", null],
    ["the token without the scheme", "0123456789abcdef-new", null],
    ["Basic auth", "Basic MDEyMzQ1Njc4OWFiY2RlZi1uZXc=", null],
    ["Bearer and nothing", "Bearer ", null],
    ["two tokens", "Bearer 0123456789abcdef-new 0123456789abcdef-old", null],
  ])("%s", (_name, header, expected) => {
    expect(checkToken(tokens, header)).toBe(expected);
  });

  it("opens nothing when no token is known", () => {
    expect(checkToken([], "Bearer ")).toBeNull();
    expect(checkToken([], "Bearer anything")).toBeNull();
  });
});
