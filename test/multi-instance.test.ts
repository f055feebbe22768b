import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { openPostgresStore } from "../src/store/postgres-store.ts";
import { createFakeTarget } from "./fakes/fake-target.ts";
import { loadTestRoutes } from "./load-test-routes.ts";
import { useTestSchemas } from "./postgres-schemas.ts";
import { sendHook } from "./send-hook.ts";
import { spawnBotbridge, type SpawnedBotbridge } from "./spawn-botbridge.ts";
import { writeRoutesFile } from "./write-routes-file.ts";

/**
 * Several instances on one PostgreSQL database, end to end: two real botbridge processes share a
 * schema, 32 clients split 2,000 webhooks across both, and one is killed with SIGKILL mid-way
 * (its clients fail over to the other, as behind a load balancer). Every webhook that got a 2xx
 * must reach the target; the target records, per order key, how many deliveries were in flight
 * at once, which must never exceed one; repeats are counted and reported.
 */
const EVENTS = 2_000;
const CLIENTS = 32;
const KILL_AFTER = 700;
const KEYS = 8;

const routes = loadTestRoutes({ pollInterval: "200ms", orderByKey: true });

const schemas = useTestSchemas();
const inFlight = new Map<string, number>();
let overlaps = 0;
const target = createFakeTarget({
  respond: async (call) => {
    const { key } = call.body as { key: string };
    const now = (inFlight.get(key) ?? 0) + 1;
    inFlight.set(key, now);
    if (now > 1) overlaps += 1;
    await sleep(3);
    inFlight.set(key, (inFlight.get(key) ?? 1) - 1);
    return { status: 200, body: { ok: true } };
  },
});
const servers: SpawnedBotbridge[] = [];

afterAll(async () => {
  await Promise.all(servers.map((s) => s.kill("SIGTERM")));
  await target.close();
});

describe.skipIf(!schemas)("two instances on one PostgreSQL database", () => {
  it("loses no accepted webhook and never runs one order key twice at once when one is killed", async () => {
    const databaseUrl = await schemas!.create();
    const { url: targetUrl } = await target.start();
    const { dir, file: config } = writeRoutesFile(routes, "botbridge-multi-");
    const env = { TARGET_URL: targetUrl, BOTBRIDGE_DATABASE_URL: databaseUrl };
    // from the routes file's folder: the token they generate (PostgreSQL: ./data) stays out of the repo
    servers.push(
      ...(await Promise.all([0, 1].map(() => spawnBotbridge({ config, env, cwd: dir })))),
    );
    const [victim, survivor] = servers as [SpawnedBotbridge, SpawnedBotbridge];

    const accepted = new Set<number>();
    const byInstance = [0, 0];
    let duplicateAnswers = 0;
    let failedOver = 0;
    let next = 0;
    let killing: Promise<void> | undefined;

    // Client i starts on instance i % 2; a post that gets no 2xx is sent again, to the other
    // instance, until one accepts it.
    const client = async (i: number) => {
      let home = i % 2;
      while (next < EVENTS) {
        const n = next++;
        for (;;) {
          if (accepted.size >= KILL_AFTER && !killing) killing = victim.kill("SIGKILL");
          const server = servers[home] as SpawnedBotbridge;
          const body = { n, key: `k${n % KEYS}`, note: "x".repeat(200) };
          const answer = await sendHook(server.url, "forms", body);
          if (answer) {
            accepted.add(n);
            byInstance[home] = (byInstance[home] ?? 0) + 1;
            if (answer.duplicate) duplicateAnswers += 1;
            break;
          }
          failedOver += 1;
          home = 1 - home;
          await sleep(10);
        }
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
    await killing;
    const ingestMs = Date.now() - started;
    expect(killing).toBeDefined();
    expect(victim.child.signalCode).toBe("SIGKILL");
    expect(accepted.size).toBe(EVENTS);

    const reached = () => new Set(target.calls.map((call) => (call.body as { n: number }).n));
    const deadline = Date.now() + 30_000;
    while (reached().size < EVENTS && Date.now() < deadline) await sleep(100);
    const missing = [...accepted].filter((n) => !reached().has(n));
    const repeats = target.calls.length - reached().size;
    console.log(
      `multi-instance test: ${EVENTS} webhooks from ${CLIENTS} clients over 2 instances ` +
        `(${byInstance.join(" + ")} accepted), SIGKILL after ${KILL_AFTER}; ${failedOver} posts ` +
        `failed over, ${duplicateAnswers} answered as duplicates, ${repeats} deliveries repeated ` +
        `at the target, ${overlaps} order-key overlaps, ${missing.length} lost; ` +
        `all accepted in ${ingestMs} ms, all delivered ${Date.now() - started} ms after start`,
    );
    expect(missing).toEqual([]);
    expect(overlaps).toBe(0);
    expect(byInstance.every((count) => count > 0)).toBe(true);

    const store = openPostgresStore(databaseUrl);
    try {
      const stats = await store.stats();
      expect(stats.events).toBe(EVENTS);
      expect(stats.deliveries.succeeded).toBe(EVENTS);
    } finally {
      await store.close();
    }
    expect(survivor.child.exitCode).toBeNull();
  }, 90_000);
});
