import { describe, expect, it } from "vitest";
import {
  input,
  NOW,
  raw,
  settings,
  sign,
  stripe,
  ts,
  type HmacCase,
} from "../../../test/hmac-check-input.ts";
import { verifyHmac } from "./verify-hmac.ts";

describe("verifyHmac with the stripe and calendly schemes", () => {
  it.each<HmacCase>([
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
});
