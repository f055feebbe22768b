import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { CheckInput } from "./check-result.ts";
import { completeHmac, verifyHmac, type HmacSettings } from "./verify-hmac.ts";

const NOW = 1_735_689_600_000;
const raw = Buffer.from('{"a":1,"name":"Иван"}');
const sign = (
  secret: string,
  content: string | Buffer,
  encoding: "hex" | "base64" = "hex",
  algorithm = "sha256",
) => createHmac(algorithm, secret).update(content).digest(encoding);

function input(headers: Record<string, string>, over: Partial<CheckInput> = {}): CheckInput {
  return {
    method: "POST",
    url: "https://bridge.example.com/hooks/x?token=1",
    headers,
    query: {},
    body: { a: 1, ts: 1_735_689_600 },
    raw,
    remote_address: "127.0.0.1",
    now: NOW,
    ...over,
  };
}

function settings(value: Parameters<typeof completeHmac>[0]): HmacSettings {
  const done = completeHmac(value);
  if (!done.ok) throw new Error(`missing ${done.missing}`);
  return done.settings;
}

const ts = String(NOW / 1000);
const stripe = (secret: string, t = ts) => `t=${t},v1=${sign(secret, `${t}.${raw.toString()}`)}`;

describe("verifyHmac", () => {
  it.each<
    [
      string,
      Parameters<typeof completeHmac>[0],
      Record<string, string>,
      Partial<CheckInput>,
      boolean,
      string,
    ]
  >([
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
      "timestamp:body in time",
      { secret: "s", header: "x-sig", timestamp_header: "x-ts", signed: "{timestamp}:{body}" },
      { "x-sig": sign("s", `${NOW}:${raw.toString()}`), "x-ts": String(NOW) },
      { now: NOW + 299_000 },
      true,
      "signature matches (sha256/hex from header x-sig)",
    ],
    [
      "timestamp too old",
      { secret: "s", header: "x-sig", timestamp_header: "x-ts", signed: "{timestamp}:{body}" },
      { "x-sig": sign("s", `${NOW}:${raw.toString()}`), "x-ts": String(NOW) },
      { now: NOW + 412_000 },
      false,
      "timestamp 412 s old, tolerance 300 s",
    ],
    [
      "timestamp from the future",
      {
        secret: "s",
        header: "x-sig",
        timestamp_header: "x-ts",
        signed: "{timestamp}:{body}",
        tolerance: 60_000,
      },
      { "x-sig": sign("s", `${NOW}:${raw.toString()}`), "x-ts": String(NOW) },
      { now: NOW - 90_000 },
      false,
      "timestamp 90 s in the future, tolerance 60 s",
    ],
    [
      "no timestamp header",
      { secret: "s", header: "x-sig", timestamp_header: "x-ts", signed: "{timestamp}:{body}" },
      { "x-sig": "00" },
      {},
      false,
      "timestamp header x-ts missing",
    ],
    [
      "a timestamp that is not a number",
      { secret: "s", header: "x-sig", timestamp_header: "x-ts" },
      { "x-sig": "00", "x-ts": "yesterday" },
      {},
      false,
      "timestamp header x-ts is not a number",
    ],
    [
      "a timestamp in a body field",
      { secret: "s", header: "x-sig", timestamp_field: "ts" },
      { "x-sig": sign("s", raw) },
      { now: NOW + 10_000 },
      true,
      "signature matches (sha256/hex from header x-sig)",
    ],
    [
      "method + url + body + timestamp",
      {
        secret: "s",
        header: "x-sig",
        encoding: "base64",
        timestamp_header: "x-ts",
        signed: "{method}{url}{body}{timestamp}",
      },
      {
        "x-sig": sign(
          "s",
          `POSThttps://bridge.example.com/hooks/x?token=1${raw.toString()}${NOW}`,
          "base64",
        ),
        "x-ts": String(NOW),
      },
      {},
      true,
      "signature matches (sha256/base64 from header x-sig)",
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
    [
      "stripe t=,v1=",
      { scheme: "stripe", secret: "whsec" },
      { "stripe-signature": stripe("whsec") },
      {},
      true,
      "signature matches (sha256/hex from header stripe-signature)",
    ],
    [
      "stripe with two v1 while rotating",
      { scheme: "stripe", secret: "new" },
      { "stripe-signature": `${stripe("old")},v1=${sign("new", `${ts}.${raw.toString()}`)}` },
      {},
      true,
      "signature matches (sha256/hex from header stripe-signature)",
    ],
    [
      "stripe too old",
      { scheme: "stripe", secret: "whsec" },
      { "stripe-signature": stripe("whsec") },
      { now: NOW + 301_000 },
      false,
      "timestamp 301 s old, tolerance 300 s",
    ],
    [
      "stripe without t=",
      { scheme: "stripe", secret: "whsec" },
      { "stripe-signature": "v1=abc" },
      {},
      false,
      "signature header stripe-signature has no t=<timestamp>",
    ],
    [
      "stripe without v1=",
      { scheme: "stripe", secret: "whsec" },
      { "stripe-signature": `t=${ts},v0=abc` },
      {},
      false,
      "signature header stripe-signature has no v1=",
    ],
    [
      "calendly",
      { scheme: "calendly", secret: "key" },
      { "calendly-webhook-signature": stripe("key") },
      {},
      true,
      "signature matches (sha256/hex from header calendly-webhook-signature)",
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
