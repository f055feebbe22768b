import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { request as httpRequest } from "node:http";
import { afterAll, expect, it } from "vitest";
import { createFakeTarget } from "./fakes/fake-target.ts";
import { createRandom, MALFORMED_HTTP, randomRequest, type FuzzRequest } from "./fuzz-requests.ts";
import { spawnBotbridge, type SpawnedBotbridge } from "./spawn-botbridge.ts";

/**
 * Hostile input, seeded and bounded: random bodies, content types, encodings, headers, methods
 * and paths against a real server process with several kinds of source. Every answer is a 2xx
 * or a 4xx (errors as JSON), the process stays up, its event loop never stalls past 100 ms
 * (a /healthz polled throughout answers within it), and its memory comes back to where it was.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const REQUESTS = 1_000;
const CLIENTS = 4;
const STALL_MS = 100;

const routes = `
version: 1
server: { host: 127.0.0.1, log_level: error, body_limit: 64kb }
delivery: { poll_interval: 50ms }
targets:
  sink: { type: http, base_url: "\${TARGET_URL}" }
sources:
  open: {}
  token: { verify: { token: secret-token } }
  signed: { verify: { hmac: { secret: hmac-secret, header: x-signature, prefix: "sha256=" } } }
  basic: { verify: { basic: { username: u, password: p } } }
  tilda: { preset: tilda, verify: { token: secret-token } }
  amocrm: { preset: amocrm }
routes:
  - id: forward
    source: open
    actions:
      - http.request: { method: POST, path: "/hit/{{ body.a }}", headers: { X-Name: "{{ body.b }}" }, body: "{{ body }}" }
`;

const target = createFakeTarget({ respond: () => ({ status: 200, body: { ok: true } }) });
let server: SpawnedBotbridge | undefined;

afterAll(async () => {
  await server?.kill("SIGTERM");
  await target.close();
});

interface Answer {
  status: number;
  type: string;
  body: string;
}

function send(url: string, req: FuzzRequest): Promise<Answer> {
  return new Promise((resolve) => {
    const sent = httpRequest(
      `${url}${req.path}`,
      { method: req.method, headers: { ...req.headers, "content-length": req.body.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            type: res.headers["content-type"] ?? "",
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    sent.on("error", (error) => resolve({ status: 0, type: "", body: String(error) }));
    sent.end(req.body);
  });
}

function sendRaw(url: string, raw: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), "127.0.0.1", () => socket.end(raw));
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString("latin1")));
    socket.on("close", () => resolve(answer));
    socket.on("error", () => resolve(answer));
  });
}

function rssBytes(pid: number): number {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(line?.[1] ?? 0) * 1024;
}

/** Time for one GET to answer, in ms (Infinity when it fails). */
async function timeGet(url: string): Promise<number> {
  const started = performance.now();
  return fetch(url).then(
    async (r) => (await r.arrayBuffer(), performance.now() - started),
    () => Infinity,
  );
}

/**
 * Polls botbridge's /healthz and, at the same moments, a bare server in a process of its own,
 * every 20 ms until stopped; resolves with the largest amount by which botbridge answered later
 * than the bare server. What slows both (a busy machine) cancels out; what is left is botbridge's
 * own event loop being blocked.
 */
function watchStalls(url: string, controlUrl: string): { stop: () => Promise<number> } {
  let worst = 0;
  const state = { running: true };
  const loop = (async () => {
    while (state.running) {
      const [own, control] = await Promise.all([timeGet(`${url}/healthz`), timeGet(controlUrl)]);
      worst = Math.max(worst, own - control);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    stop: async () => {
      state.running = false;
      await loop;
      return worst;
    },
  };
}

/** A bare HTTP server in its own process: the control for watchStalls. */
async function startControl(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [
      "-e",
      "require('http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1', function () { console.log(this.address().port) })",
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const [line] = (await once(child.stdout, "data")) as [Buffer];
  return { url: `http://127.0.0.1:${line.toString().trim()}/`, stop: () => child.kill() };
}

function problemsOf(req: FuzzRequest, answer: Answer): string | null {
  const where = `${req.method} ${req.path} [${JSON.stringify(req.headers).slice(0, 200)}]`;
  // A large body answered before it is read (413, 400 for a bad path) closes the connection
  // while the client still writes: the client sees EPIPE or a reset instead of the answer.
  if (answer.status === 0 && req.body.length > 16 * 1024 && /EPIPE|ECONNRESET/.test(answer.body))
    return null;
  if (answer.status >= 500 || answer.status < 200)
    return `${answer.status} for ${where}: ${answer.body.slice(0, 200)}`;
  if (answer.status >= 400) {
    if (!answer.type.includes("application/json")) return `${answer.status} not JSON for ${where}`;
    const parsed = JSON.parse(answer.body) as { error?: { code?: unknown } };
    if (typeof parsed.error?.code !== "string") return `no error code for ${where}`;
  }
  return null;
}

it(
  `answers ${REQUESTS} hostile requests (seed ${SEED}) with 2xx/4xx JSON, no stall, no crash`,
  { timeout: 60_000, retry: 1 },
  async () => {
    const { url: targetUrl } = await target.start();
    const dir = mkdtempSync(join(tmpdir(), "botbridge-fuzz-"));
    const config = join(dir, "routes.yaml");
    writeFileSync(config, routes);
    server = await spawnBotbridge({
      config,
      env: { TARGET_URL: targetUrl, BOTBRIDGE_DATABASE_URL: `sqlite:${join(dir, "fuzz.db")}` },
    });
    const random = createRandom(SEED);
    const requests = Array.from({ length: REQUESTS }, () => randomRequest(random));
    // Warm up, then take the memory baseline.
    for (const req of requests.slice(0, 50)) await send(server.url, req);
    const rssBefore = rssBytes(server.child.pid ?? 0);

    const control = await startControl();
    const stalls = watchStalls(server.url, control.url);
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    let next = 50;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < requests.length && server?.child.exitCode === null) {
          const req = requests[next++];
          if (!req) break;
          const answer = await send(server.url, req);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          const problem = problemsOf(req, answer);
          if (problem) problems.push(problem);
        }
      }),
    );
    for (const raw of MALFORMED_HTTP) {
      const answer = await sendRaw(server.url, raw);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
      if (status !== 0 && (status >= 500 || !answer.includes('{"error":')))
        problems.push(`raw ${JSON.stringify(raw.slice(0, 40))} answered ${answer.slice(0, 120)}`);
    }
    const stalled = await stalls.stop();
    control.stop();

    expect(server.child.exitCode, server.output().slice(-2_000)).toBeNull();
    expect(problems.slice(0, 10)).toEqual([]);
    expect([...statuses.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
    expect([...statuses.keys()].some((s) => s >= 400 && s < 500)).toBe(true);
    expect(stalled).toBeLessThan(STALL_MS);
    const grown = rssBytes(server.child.pid ?? 0) - rssBefore;
    expect(grown).toBeLessThan(96 * 1024 * 1024);
  },
);
