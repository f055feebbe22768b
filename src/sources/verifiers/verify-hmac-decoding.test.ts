import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { input, raw, settings, sign, ts } from "../../../test/hmac-check-input.ts";
import type { completeHmac } from "./verify-hmac.ts";
import { verifyHmac } from "./verify-hmac.ts";

describe("verifyHmac decodes the signature strictly", () => {
  const hex = sign("s", raw);
  const b64 = sign("s", raw, "base64");
  const b64url = createHmac("sha256", "s").update(raw).digest("base64url");
  const typeform = { secret: "s", header: "x-sig", prefix: "sha256=", encoding: "base64" } as const;
  const stripeV1 = `t=${ts},v1=${sign("s", `${ts}.${raw.toString()}`)}`;
  it.each<[string, Parameters<typeof completeHmac>[0], string, string | undefined]>([
    ["hex", { secret: "s", header: "x-sig" }, hex, undefined],
    ["hex with trailing garbage", { secret: "s", header: "x-sig" }, `${hex}zz`, "not hex"],
    ["hex one digit short", { secret: "s", header: "x-sig" }, hex.slice(0, -1), "not hex"],
    ["hex after a space", { secret: "s", header: "x-sig" }, `${hex.slice(0, 8)} ${hex}`, "not hex"],
    ["base64 after its prefix", typeform, `sha256=${b64}`, undefined],
    ["base64 after garbage", typeform, `sha256=!!${b64}`, "not base64"],
    ["base64 with trailing garbage", typeform, `sha256=${b64}!!`, "not base64"],
    ["base64 after the prefix twice", typeform, `sha256=sha256=${b64}`, "not base64"],
    ["base64url", { secret: "s", header: "x-sig", encoding: "base64url" }, b64url, undefined],
    [
      "standard base64 where base64url is set",
      { secret: "s", header: "x-sig", encoding: "base64url" },
      b64, // it has a + and a /
      "not base64url",
    ],
    ["a t_v1 header", { scheme: "stripe", secret: "s", header: "x-sig" }, stripeV1, undefined],
    [
      "a t_v1 header whose v1 has trailing garbage",
      { scheme: "stripe", secret: "s", header: "x-sig" },
      `${stripeV1}zz`,
      "not hex",
    ],
  ])("%s", (_name, value, header, malformed) => {
    const result = verifyHmac(settings(value), input({ "x-sig": header }));
    expect(result).toEqual({
      scheme: "hmac",
      ok: malformed === undefined,
      reason:
        malformed === undefined
          ? `signature matches (sha256/${settings(value).encoding} from header x-sig)`
          : `signature malformed: ${malformed} (header x-sig)`,
    });
  });

  it.each([
    ["the prefix in another case", "SHA256="],
    ["no prefix", ""],
    ["a space before the prefix inside", "x sha256="],
  ])("refuses %s", (_name, prefix) => {
    const result = verifyHmac(settings(typeform), input({ "x-sig": `${prefix}${b64}` }));
    expect(result).toEqual({
      scheme: "hmac",
      ok: false,
      reason: "signature header x-sig does not start with sha256=",
    });
  });
});
