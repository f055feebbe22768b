import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTILE_SHAPES, TOO_DEEP_SHAPES } from "./hostile-shapes.ts";
import { spawnBotbridge, type SpawnedBotbridge } from "./spawn-botbridge.ts";

/**
 * Bodies anyone can send before any check, against a real `botbridge serve` process: each is
 * refused with a 400 (or parsed quickly), the process stays up, and /healthz keeps answering.
 */
// The size of the 30,000 repeated pairs, which froze the loop for 11.6 s.
const LIMIT = 128 * 1024;
const routes = `
version: 1
server: { host: 127.0.0.1, log_level: warn, body_limit: ${LIMIT} }
sources:
  forms:
`;

let server: SpawnedBotbridge;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "botbridge-hostile-"));
  writeFileSync(join(dir, "routes.yaml"), routes);
  server = await spawnBotbridge({
    config: join(dir, "routes.yaml"),
    env: { BOTBRIDGE_DATABASE_URL: `sqlite:${join(dir, "botbridge.db")}` },
  });
});

afterAll(async () => {
  await server.kill("SIGTERM");
});

async function post(body: string, contentType: string) {
  const response = await fetch(`${server.url}/hooks/forms`, {
    method: "POST",
    headers: { "content-type": contentType },
    body,
  });
  return { status: response.status, json: await response.json() };
}

const MULTIPART = "multipart/form-data; boundary=xyz";
const FILE_HEAD = '--xyz\r\nContent-Disposition: form-data; name="f"; filename="x.txt"\r\n\r\n';

describe("malformed multipart bodies are 400 invalid_body, and the process lives on", () => {
  it.each<[string, string, string]>([
    ["a file part cut off", MULTIPART, `${FILE_HEAD}abc`],
    ["a field cut off", MULTIPART, '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nab'],
    ["no boundary", "multipart/form-data", `${FILE_HEAD}abc\r\n--xyz--`],
    ["a bad part header", MULTIPART, "--xyz\r\nnot a header\r\n\r\nabc\r\n--xyz--"],
  ])("%s", async (_name, contentType, body) => {
    const answer = await post(body, contentType);
    expect(answer).toEqual({
      status: 400,
      json: { error: { code: "invalid_body", message: expect.any(String) as string } },
    });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(server.child.exitCode).toBeNull();
  });
});

describe("bodies of server.body_limit shaped to make a parser spin", () => {
  it("are each answered while a concurrently polled /healthz keeps answering", async () => {
    const latencies: number[] = [];
    let polling = true;
    const poll = async () => {
      while (polling) {
        const started = performance.now();
        expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
        latencies.push(performance.now() - started);
        await sleep(20);
      }
    };
    const poller = poll();
    try {
      const shapes = [
        ...HOSTILE_SHAPES.map((shape) => [shape, 200] as const),
        ...TOO_DEEP_SHAPES.map((shape) => [shape, 400] as const),
      ];
      for (const [shape, status] of shapes) {
        const body = shape.make(LIMIT);
        expect(body.length).toBeGreaterThan(LIMIT * 0.99);
        const answer = await post(body, shape.contentType);
        expect([shape.name, answer.status]).toEqual([shape.name, status]);
      }
    } finally {
      polling = false;
      await poller;
    }
    expect(latencies.length).toBeGreaterThan(0);
    // The quadratic parse held the event loop for 11.6 s on one of these.
    expect(Math.max(...latencies)).toBeLessThan(1_000);
  });
});
