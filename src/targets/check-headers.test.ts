import { describe, expect, it } from "vitest";
import { ActionError } from "./action-error.ts";
import { checkHeaders } from "./check-headers.ts";

function refusal(headers: Record<string, string>): string | undefined {
  try {
    checkHeaders(headers);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).code).toBe("invalid_params");
    return (error as ActionError).message;
  }
}

describe("checkHeaders", () => {
  it.each<[string, Record<string, string>]>([
    ["plain ASCII", { "X-Name": "Anna Petrova" }],
    ["a tab and Latin-1", { "x-name": "Ren\u00e9e\tM\u00fcller" }],
    ["an empty value", { "x-empty": "" }],
    ["a Bearer token", { authorization: "Bearer abc.def-ghi_jkl~=" }],
    ["the host and connection the client allows", { host: "crm.example.com", connection: "close" }],
  ])("lets %s through", (_name, headers) => {
    expect(refusal(headers)).toBeUndefined();
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ["a line feed", { "X-Name": "Anna\nPetrova" }, /X-Name: .*line feed \(LF, U\+000A\)/],
    ["a carriage return", { "X-Name": "Anna\rPetrova" }, /carriage return \(CR, U\+000D\)/],
    ["CRLF and an injected header", { "x-a": "1\r\nX-Admin: yes" }, /carriage return/],
    ["a NUL", { "x-a": "a\u0000b" }, /NUL character \(U\+0000\)/],
    ["another control character", { "x-a": "a\u0007b" }, /control character \(U\+0007\)/],
    ["DEL", { "x-a": "a\u007fb" }, /control character \(U\+007F\)/],
    ["Cyrillic", { "x-name": "\u0410\u043d\u043d\u0430" }, /outside Latin-1 \(U\+0410\)/],
    ["an emoji", { "x-name": "hi \u{1f600}" }, /outside Latin-1 \(U\+1F600\)/],
    ["a name with a space", { "X Name": "a" }, /header name "X Name" is not a valid/],
    ["a name with a colon", { "x-a:": "a" }, /is not a valid HTTP header name/],
    ["an empty name", { "": "a" }, /header name "" is not a valid/],
    ["transfer-encoding", { "Transfer-Encoding": "chunked" }, /set by the HTTP client itself/],
    ["keep-alive", { "keep-alive": "timeout=5" }, /set by the HTTP client itself/],
    ["content-length", { "content-length": "5" }, /set by the HTTP client itself/],
    ["expect", { expect: "100-continue" }, /set by the HTTP client itself/],
    ["upgrade", { upgrade: "websocket" }, /set by the HTTP client itself/],
  ])("refuses %s", (_name, headers, message) => {
    expect(refusal(headers)).toMatch(message);
  });

  it("never puts the value in the message", () => {
    expect(refusal({ authorization: "Bearer s3cr3t-token\n" })).not.toContain("s3cr3t");
  });
});
