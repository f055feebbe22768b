import { describe, expect, it } from "vitest";
import { input, NOW, raw, settings, sign, type HmacCase } from "../../../test/hmac-check-input.ts";
import { verifyHmac } from "./verify-hmac.ts";

describe("verifyHmac with a signed timestamp", () => {
  it.each<HmacCase>([
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
  ])("%s", (_name, value, headers, over, ok, reason) => {
    expect(verifyHmac(settings(value), input(headers, over))).toEqual({
      scheme: "hmac",
      ok,
      reason,
    });
  });
});
