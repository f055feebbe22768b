import { describe, expect, it } from "vitest";
import { input, raw, settings, sign, type HmacCase } from "../../../test/hmac-check-input.ts";
import { completeHmac, verifyHmac } from "./verify-hmac.ts";

describe("verifyHmac", () => {
  it.each<HmacCase>([
    [
      "hex sha256 over the body",
      { secret: "s", header: "X-Sig" },
      { "x-sig": sign("s", raw) },
      {},
      true,
      "signature matches (sha256/hex from header x-sig)",
    ],
    [
      "upper-case hex",
      { secret: "s", header: "x-sig" },
      { "x-sig": sign("s", raw).toUpperCase() },
      {},
      true,
      "signature matches (sha256/hex from header x-sig)",
    ],
    [
      "base64 with a prefix",
      { secret: "s", header: "x-sig", prefix: "sha256=", encoding: "base64" },
      { "x-sig": `sha256=${sign("s", raw, "base64")}` },
      {},
      true,
      "signature matches (sha256/base64 from header x-sig)",
    ],
    [
      "sha1",
      { secret: "s", header: "x-sig", algorithm: "sha1" },
      { "x-sig": sign("s", raw, "hex", "sha1") },
      {},
      true,
      "signature matches (sha1/hex from header x-sig)",
    ],
    [
      "sha512",
      { secret: "s", header: "x-sig", algorithm: "sha512" },
      { "x-sig": sign("s", raw, "hex", "sha512") },
      {},
      true,
      "signature matches (sha512/hex from header x-sig)",
    ],
    [
      "the second of two secrets (rotation)",
      { secret: ["old", "new"], header: "x-sig" },
      { "x-sig": sign("new", raw) },
      {},
      true,
      "signature matches (sha256/hex from header x-sig)",
    ],
    [
      "a wrong secret",
      { secret: "s", header: "x-sig" },
      { "x-sig": sign("other", raw) },
      {},
      false,
      `signature mismatch: computed over ${raw.length} bytes with sha256/hex from header x-sig`,
    ],
    [
      "two wrong secrets",
      { secret: ["a", "b"], header: "x-sig" },
      { "x-sig": sign("c", raw) },
      {},
      false,
      `signature mismatch: computed over ${raw.length} bytes with sha256/hex from header x-sig, 2 secrets tried`,
    ],
    [
      "one changed byte",
      { secret: "s", header: "x-sig" },
      { "x-sig": sign("s", raw) },
      { raw: Buffer.from('{"a":2,"name":"Иван"}') },
      false,
      `signature mismatch: computed over ${raw.length} bytes with sha256/hex from header x-sig`,
    ],
    [
      "no signature header",
      { secret: "s", header: "x-sig" },
      {},
      {},
      false,
      "signature header x-sig missing",
    ],
    [
      "a missing prefix",
      { secret: "s", header: "x-sig", prefix: "sha256=" },
      { "x-sig": sign("s", raw) },
      {},
      false,
      "signature header x-sig does not start with sha256=",
    ],
    [
      "a configured url keeps the query as called",
      {
        secret: "s",
        header: "x-sig",
        signed: "{url}{body}",
        url: "https://public.example.com/hooks/x",
      },
      { "x-sig": sign("s", `https://public.example.com/hooks/x?token=1${raw.toString()}`) },
      {},
      true,
      "signature matches (sha256/hex from header x-sig)",
    ],
  ])("%s", (_name, value, headers, over, ok, reason) => {
    expect(verifyHmac(settings(value), input(headers, over))).toEqual({
      scheme: "hmac",
      ok,
      reason,
    });
  });

  it("never puts the secret or the expected signature in its reason", () => {
    const result = verifyHmac(
      settings({ secret: "top-secret", header: "x-sig" }),
      input({ "x-sig": "00" }),
    );
    expect(result.reason).not.toContain("top-secret");
    expect(result.reason).not.toContain(sign("top-secret", raw));
  });

  it.each<[Parameters<typeof completeHmac>[0], string]>([
    [{ header: "x" }, "secret"],
    [{ secret: "s" }, "header"],
    [{ secret: "s", header: "x", signed: "{timestamp}{body}" }, "timestamp_header"],
  ])("names the missing setting of %j", (value, missing) => {
    expect(completeHmac(value)).toMatchObject({ ok: false, missing });
  });
});
