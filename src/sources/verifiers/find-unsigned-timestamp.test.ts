import { describe, expect, it } from "vitest";
import { findUnsignedTimestamp } from "./find-unsigned-timestamp.ts";
import { completeHmac } from "./verify-hmac.ts";

const tail =
  "a replayed request passes with a fresh time, so there is no replay protection; if the sender signs the time, add {timestamp} to signed";

describe("findUnsignedTimestamp", () => {
  it.each<
    [string, Parameters<typeof completeHmac>[0], { key: string; message: string } | undefined]
  >([
    ["no timestamp at all", { secret: "s", header: "x-sig" }, undefined],
    [
      "a timestamp header that is signed",
      { secret: "s", header: "x-sig", timestamp_header: "X-Time", signed: "{timestamp}.{body}" },
      undefined,
    ],
    [
      "a timestamp header next to a signature of the body alone",
      { secret: "s", header: "x-sig", timestamp_header: "X-Time" },
      {
        key: "timestamp_header",
        message: `the time in header x-time is not part of what is signed (signed: "{body}"): ${tail}`,
      },
    ],
    [
      "a timestamp body field, signed with the body",
      { secret: "s", header: "x-sig", timestamp_field: "meta.ts" },
      undefined,
    ],
    [
      "a timestamp body field, the body not signed",
      { secret: "s", header: "x-sig", timestamp_field: "meta.ts", signed: "{method}{url}" },
      {
        key: "timestamp_field",
        message: `the time in body field meta.ts is not part of what is signed (signed: "{method}{url}"): ${tail}`,
      },
    ],
    ["stripe as it signs", { scheme: "stripe", secret: "s" }, undefined],
    [
      "t=,v1= with the time left out of signed",
      { scheme: "stripe", secret: "s", signed: "{body}" },
      {
        key: "signed",
        message: `the t= time in header stripe-signature is not part of what is signed (signed: "{body}"): ${tail}`,
      },
    ],
  ])("%s", (_name, value, expected) => {
    const done = completeHmac(value);
    if (!done.ok) throw new Error(`missing ${done.missing}`);
    expect(findUnsignedTimestamp(done.settings)).toEqual(expected);
  });
});
