import { describe, expect, it } from "vitest";
import { decodeStrictly, type SignatureEncoding } from "./decode-strictly.ts";

/** Bytes whose encodings use every awkward character: + / in base64, - _ in base64url. */
const bytes = Buffer.from([0xfb, 0xff, 0x01, 0xab]);
const hex = bytes.toString("hex"); // fbff01ab
const b64 = bytes.toString("base64"); // +/8Bqw==
const b64url = bytes.toString("base64url"); // -_8Bqw

describe("decodeStrictly", () => {
  it.each<[string, string, SignatureEncoding, Buffer | undefined]>([
    ["hex", hex, "hex", bytes],
    ["upper-case hex", hex.toUpperCase(), "hex", bytes],
    ["hex with trailing garbage", `${hex}zz`, "hex", undefined],
    ["hex with leading garbage", `zz${hex}`, "hex", undefined],
    ["hex with an odd digit count", `${hex}a`, "hex", undefined],
    ["hex with a space inside", `fbff 01ab`, "hex", undefined],
    ["hex that is empty", "", "hex", undefined],
    ["base64, padded", b64, "base64", bytes],
    ["base64 without its padding", b64.replace(/=+$/, ""), "base64", bytes],
    ["base64 with leading garbage", `!!${b64}`, "base64", undefined],
    ["base64 with trailing garbage", `${b64}!!`, "base64", undefined],
    ["base64 with text after the padding", `${b64}AA`, "base64", undefined],
    ["base64 with one = where two belong", b64.replace(/=$/, ""), "base64", undefined],
    ["base64 with a space inside", `${b64.slice(0, 4)} ${b64.slice(4)}`, "base64", undefined],
    ["base64 written in the url-safe alphabet", b64url, "base64", undefined],
    ["base64 whose unused bits are set (a second spelling)", "+/8Bqx==", "base64", undefined],
    ["base64 that is empty", "", "base64", undefined],
    ["base64url", b64url, "base64url", bytes],
    ["base64url, padded", `${b64url}==`, "base64url", bytes],
    ["base64url with trailing garbage", `${b64url}!`, "base64url", undefined],
    ["base64url written in the standard alphabet", b64, "base64url", undefined],
    ["base64url whose unused bits are set", "-_8Bqx", "base64url", undefined],
  ])("%s", (_name, text, encoding, expected) => {
    expect(decodeStrictly(text, encoding)).toEqual(expected);
  });
});
