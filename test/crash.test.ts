import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, expect, it } from "vitest";
import { createFakeTarget } from "./fakes/fake-target.ts";
import { loadTestRoutes } from "./load-test-routes.ts";
import { sendHook } from "./send-hook.ts";
import { spawnBotbridge, type SpawnedBotbridge } from "./spawn-botbridge.ts";
import { writeRoutesFile } from "./write-routes-file.ts";

/**
 * The durability promise, end to end: a real server process is killed with SIGKILL while 32
 * clients post webhooks and deliveries are in flight, then restarted on the same SQLite file.
 * Every webhook that got a 2xx must reach the target; repeats (at-least-once) are counted.
 */
const EVENTS = 2_400;
const CLIENTS = 32;
const KILL_AFTER = 900;

const routes = loadTestRoutes({ pollInterval: "50ms" });

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
  const { file: config, sqliteUrl } = writeRoutesFile(routes, "botbridge-crash-");
  const env = { TARGET_URL: targetUrl, BOTBRIDGE_DATABASE_URL: sqliteUrl };
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
        const answer = await sendHook(server?.url ?? "", "forms", { n, note: "x".repeat(200) });
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
