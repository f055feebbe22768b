import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeTarget, type FakeTarget } from "./fakes/fake-target.ts";
import { startBridge, type TestBridge } from "./start-bridge.ts";

/**
 * A target answering far more than delivery.max_response_size: the attempt fails with
 * response_too_large as soon as the limit is passed, the connection is dropped (the target stops
 * being read long before its end), the process does not grow by the answer's size, and what is
 * stored stays small.
 */
const LIMIT = 64 * 1024;
const ANSWER = 32 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, "x");

const yaml = `
version: 1
delivery: { poll_interval: 20ms, max_response_size: 64kb }
targets:
  api: { type: http, base_url: "\${TARGET_URL}" }
sources:
  forms:
routes:
  - id: fetch
    source: forms
    actions:
      - id: got
        http.request: { path: /export }
`;

let target: FakeTarget;
let t: TestBridge;
/** Bytes of the answer the fake has produced so far (it only produces what the socket takes). */
let produced = 0;
let answer: { status: number; headers: Record<string, string> };

beforeEach(async () => {
  produced = 0;
  target = createFakeTarget({
    respond: () => ({
      ...answer,
      body: Readable.from(
        (function* () {
          for (let sent = 0; sent < ANSWER; sent += CHUNK.length) {
            produced += CHUNK.length;
            yield CHUNK;
          }
        })(),
      ),
    }),
  });
  const { url } = await target.start();
  t = await startBridge(yaml, { env: { TARGET_URL: url } });
});

afterEach(async () => {
  await t.stop();
  await target.close();
});

describe("an answer larger than delivery.max_response_size", () => {
  it.each<[string, number, Record<string, string>]>([
    ["a 32 MB 200, streamed without a length", 200, {}],
    ["a 32 MB 200 with its Content-Length", 200, { "content-length": String(ANSWER) }],
    ["a 32 MB 500, streamed without a length", 500, {}],
  ])("%s fails with response_too_large and is not read", async (_name, status, headers) => {
    answer = { status, headers };
    const rssBefore = process.memoryUsage().rss;
    await t.post("forms", "{}", { "content-type": "application/json" });
    const [delivery] = await t.settle();
    const rssGrowth = process.memoryUsage().rss - rssBefore;

    expect(delivery?.status).toBe("failed");
    expect(delivery?.last_error).toContain(
      `response_too_large: the target's answer is larger than delivery.max_response_size (${LIMIT} bytes)`,
    );
    const attempts = delivery ? await t.bridge.store.listAttempts(delivery.id) : [];
    expect(attempts.map((a) => [a.outcome, a.error_code, a.response_status])).toEqual([
      ["failed", "response_too_large", status],
    ]);
    expect(produced).toBeLessThan(ANSWER / 2);
    expect(rssGrowth).toBeLessThan(ANSWER);
    expect(JSON.stringify(delivery).length + JSON.stringify(attempts).length).toBeLessThan(4096);
  });
});
