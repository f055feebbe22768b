import { connect } from "node:net";
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

/** Writes `head` (and `body`) on a raw connection; resolves with what comes back until it closes. */
function exchange(head: string, body = Buffer.alloc(0), timeoutMs = 5_000) {
  const { port } = new URL(bridge.url);
  return new Promise<{ status: number; headers: string; json: unknown }>((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1");
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", () => undefined); // a reset after the answer is fine
    socket.on("close", () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString("utf8");
      const [headers = "", rest = ""] = text.split("\r\n\r\n");
      let json: unknown = rest;
      try {
        json = JSON.parse(rest);
      } catch {
        // not JSON: keep the text
      }
      resolve({ status: Number(headers.split(" ")[1]), headers, json });
    });
    socket.write(head);
    if (body.length > 0) socket.write(body);
  });
}

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

  it.each<[string, string, number, string]>([
    [
      "headers over Node's limit",
      `POST /hooks/forms HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
      431,
      "headers_too_large",
    ],
    ["an unknown method", "FETCH /hooks/forms HTTP/1.1\r\nHost: x\r\n\r\n", 400, "invalid_method"],
    [
      "a header line without a colon",
      "POST /hooks/forms HTTP/1.1\r\nHost x\r\n\r\n",
      400,
      "malformed_request",
    ],
  ])("answers %s in the error shape", async (_name, head, status, code) => {
    const answer = await exchange(head);
    expect(answer.status).toBe(status);
    expect(answer.headers).toMatch(/content-type: application\/json/i);
    expect(answer.json).toEqual(error(code));
    expect(bridge.logs.some((l) => l.code === code && l.level === 40)).toBe(true);
  });

  it("refuses a Content-Length over body_limit with 413 before reading the body", async () => {
    // 100 MB announced, 10 bytes sent: the answer must not wait for the rest.
    const answer = await exchange(
      "POST /hooks/forms HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 104857600\r\n\r\n",
      Buffer.from("0123456789"),
      3_000,
    );
    expect(answer.status).toBe(413);
    expect(answer.headers).toMatch(/connection: close/i);
    expect(answer.json).toEqual(error("body_too_large"));
  });
});
