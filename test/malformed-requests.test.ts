import { brotliCompressSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBridge, type TestBridge } from "./start-bridge.ts";

/**
 * Requests broken at the HTTP level, against a real server on loopback: each is a 4xx in the
 * `{"error":{"code","message"}}` shape, nothing is stored, and no 500 or stack trace is logged.
 */
let bridge: TestBridge;
const LIMIT = 64 * 1024;

beforeAll(async () => {
  bridge = await startBridge(`version: 1\nserver: { body_limit: ${LIMIT} }\nsources:\n  forms:\n`);
});
afterAll(async () => {
  await bridge.stop();
});

const error = (code: string) => ({
  error: { code, message: expect.any(String) as string },
});

describe("a body that does not decode is 400 invalid_encoding", () => {
  it.each<[string, string, Buffer]>([
    ["gzip that is not gzip", "gzip", Buffer.from("not gzip at all")],
    ["gzip cut off", "gzip", gzipSync("hello ".repeat(100)).subarray(0, 20)],
    ["deflate that is not deflate", "deflate", Buffer.from("nope")],
    ["brotli cut off", "br", brotliCompressSync("hello ".repeat(100)).subarray(0, 5)],
  ])("%s", async (_name, encoding, body) => {
    const before = bridge.logs.length;
    const answer = await bridge.post("forms", body, {
      "content-type": "text/plain",
      "content-encoding": encoding,
    });
    expect(answer).toEqual({ status: 400, json: error("invalid_encoding") });
    expect(bridge.logs.slice(before).filter((l) => (l.level as number) >= 50)).toEqual([]);
    expect((await bridge.bridge.store.stats()).events).toBe(0);
  });
});

describe("refusals with their own codes", () => {
  it("answers a path that is not valid percent-encoding with 400 invalid_path", async () => {
    const response = await fetch(`${bridge.url}/hooks/%ff`, { method: "POST", body: "x" });
    expect([response.status, await response.json()]).toEqual([400, error("invalid_path")]);
  });
});
