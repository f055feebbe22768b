import { describe, expect, it } from "vitest";
import { encodePathSegment } from "./encode-path-segment.ts";
import { TemplateError } from "./template-error.ts";

describe("encodePathSegment", () => {
  it.each([
    ["../admin", "..%2Fadmin"],
    ["%2e%2e", "%252e%252e"],
    ["5?admin=1&x=", "5%3Fadmin%3D1%26x%3D"],
    ["5#rest", "5%23rest"],
    ["..\\admin", "..%5Cadmin"],
    ["a\r\nb", "a%0D%0Ab"],
    ["a lone surrogate \ud800", "a%20lone%20surrogate%20%EF%BF%BD"],
  ])("encodes %j as one segment", (text, expected) => {
    expect(encodePathSegment(text)).toBe(expected);
  });

  it.each([
    [".", /rendered "\."/],
    ["..", /rendered "\.\."/],
  ])("refuses %j with invalid_path", (text, message) => {
    const error = (() => {
      try {
        return encodePathSegment(text);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TemplateError);
    expect(error).toMatchObject({ code: "invalid_path" });
    expect((error as Error).message).toMatch(message);
  });
});
