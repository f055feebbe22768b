import { describe, expect, it } from "vitest";
import { ActionError } from "./action-error.ts";
import { joinUnder } from "./join-under.ts";

const base = new URL("https://crm.example.com/api/v4/");

describe("joinUnder", () => {
  it.each([
    ["another host", "//evil.example.com/x", /not a URL/],
    ["a full URL", "https://evil.example.com/x", /not a URL/],
    ["a backslash host", "\\\\evil.example.com/x", /not a URL/],
    ["a way out of base_url", "/../../admin", /\. or \.\. segment/],
    ["a sibling of base_url", "../v4x/secret", /\. or \.\. segment/],
    ["an encoded way out", "%2e%2e/%2E%2E/admin", /\. or \.\. segment/],
    ["a half-encoded way out", ".%2E/admin", /\. or \.\. segment/],
    ["a step up that stays under base_url", "/leads/../admin", /\. or \.\. segment/],
    ["a step in place", "/leads/./7", /\. or \.\. segment/],
    ["a step up with backslashes", "/leads\\..\\admin", /\. or \.\. segment/],
    ["an empty segment inside", "/leads//notes", /empty segment/],
    ["an empty segment inside a relative path", "leads//notes", /empty segment/],
  ])("refuses %s", (_name, path, message) => {
    const error = (() => {
      try {
        return joinUnder(base, path);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ActionError);
    expect(error).toMatchObject({ code: "invalid_path" });
    expect((error as Error).message).toMatch(message);
  });
});
