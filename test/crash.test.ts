import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, expect, it } from "vitest";
import { createFakeTarget } from "./fakes/fake-target.ts";
import { spawnBotbridge, type SpawnedBotbridge } from "./spawn-botbridge.ts";

/**
 * The durability promise, end to end: a real server process is killed with SIGKILL while 32
 * clients post webhooks and deliveries are in flight, then restarted on the same SQLite file.
 * Every webhook that got a 2xx must reach the target; repeats (at-least-once) are counted.
 */
const EVENTS = 2_400;
const CLIENTS = 32;
const KILL_AFTER = 900;

const routes = `
version: 1
server: { host: 127.0.0.1, log_level: warn }
# A short lease so the deliveries the killed process held are taken up again within seconds.
delivery: { poll_interval: 50ms, retry: [200ms], concurrency: 16, lease: 2s }
targets:
  sink: { type: http, base_url: "\${TARGET_URL}", timeout: 5s }
sources:
  forms:
    dedupe: "{{ body.n }}"
routes:
  - id: forward
    source: forms
    actions:
      - http.request: { method: POST, path: /hit, body: { n: "{{ body.n }}" } }
`;

const target = createFakeTarget({
  respond: async () => {
    await sleep(2);
    return { status: 200, body: { ok: true } };
  },
});
let server: SpawnedBotbridge | undefined;

afterAll(async () => {
  await server?.kill("SIGTERM");
  await target.close();
});

it("loses no accepted webhook when the server is killed mid-load and restarted", async () => {
  const { url: targetUrl } = await target.start();
  const dir = mkdtempSync(join(tmpdir(), "botbridge-crash-"));
  const config = join(dir, "routes.yaml");
  writeFileSync(config, routes);
  const env = {
    TARGET_URL: targetUrl,
    BOTBRIDGE_DATABASE_URL: `sqlite:${join(dir, "botbridge.db")}`,
  };
  server = await spawnBotbridge({ config, env });

  const accepted = new Set<number>();
  let duplicateAnswers = 0;
  let refused = 0;
  let next = 0;
  let restarting: Promise<void> | undefined;
  const restart = async () => {
    await server?.kill("SIGKILL");
    server = await spawnBotbridge({ config, env });
  };

  // Each client sends its webhooks one after another and, like a real sender, repeats one
  // that got no 2xx (connection refused while the server is down) until it is accepted.
  const client = async () => {
    while (next < EVENTS) {
      const n = next++;
      for (;;) {
        if (accepted.size >= KILL_AFTER && !restarting) restarting = restart();
        await restarting;
        const answer = await post(server?.url ?? "", n);
        if (answer?.ok) {
          accepted.add(n);
          if (answer.duplicate) duplicateAnswers += 1;
          break;
        }
        refused += 1;
        await sleep(20);
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  expect(restarting).toBeDefined();
  expect(accepted.size).toBe(EVENTS);

  const deadline = Date.now() + 60_000;
  const reached = () => new Set(target.calls.map((call) => (call.body as { n: number }).n));
  while (reached().size < EVENTS && Date.now() < deadline) await sleep(100);
  const missing = [...accepted].filter((n) => !reached().has(n));
  const repeats = target.calls.length - reached().size;
  console.log(
    `crash test: ${EVENTS} webhooks from ${CLIENTS} clients, SIGKILL after ${KILL_AFTER} accepted; ` +
      `${refused} posts refused while down, ${duplicateAnswers} answered as duplicates, ` +
      `${repeats} deliveries repeated at the target, ${missing.length} lost`,
  );
  expect(missing).toEqual([]);
}, 120_000);

async function post(
  base: string,
  n: number,
): Promise<{ ok: boolean; duplicate?: boolean } | undefined> {
  try {
    const response = await fetch(`${base}/hooks/forms`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ n, note: "x".repeat(200) }),
      signal: AbortSignal.timeout(5_000),
    });
    if (response.status !== 200) return undefined;
    return (await response.json()) as { ok: boolean; duplicate?: boolean };
  } catch {
    return undefined;
  }
}
