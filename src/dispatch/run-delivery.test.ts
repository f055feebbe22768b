import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeTarget, type FakeTarget } from "../../test/fakes/fake-target.ts";
import { delivery, event } from "../../test/store-rows.ts";
import { createTestClock, type TestClock } from "../../test/test-clock.ts";
import { z } from "zod";
import { createActions } from "../actions/actions.ts";
import { defineAction } from "../actions/define-action.ts";
import { createLogger } from "../core/create-logger.ts";
import { deliverySchema } from "../routing/delivery-schema.ts";
import { openSqliteStore } from "../store/sqlite-store.ts";
import type { ClaimedDelivery, Store } from "../store/store.ts";
import { ActionError } from "../targets/action-error.ts";
import { createCircuitBreaker } from "../targets/circuit-breaker.ts";
import { createMasker } from "../targets/mask-secrets.ts";
import { createRateLimits } from "../targets/rate-limits.ts";
import { createTargetRuntimes, type TargetRuntimes } from "../targets/target-runtimes.ts";
import { targetSchema } from "../targets/target-schema.ts";
import { createTemplateFunctions } from "../templates/template-functions.ts";
import { createRouteCache } from "./route-cache.ts";
import { runDelivery, type DeliveryDeps } from "./run-delivery.ts";

// runDelivery against a real SQLite file and a real HTTP target on loopback, the clock moved by
// hand: what it stores, what it sends, and what it logs.

const T0 = Date.parse("2025-01-01T00:00:00Z");
const templates = { default_country: "RU", timezone: "UTC" };
/** Looks a lead up, then posts to a path made of its id. */
const chain = {
  id: "chain",
  source: "forms",
  actions: [
    { id: "first", "http.request": { method: "POST", path: "/first" }, target: "api" },
    { "http.request": { path: "/second/{{ steps.first.body.lead_id }}" }, target: "api" },
  ],
};

/** A test action: waits (no attempt used, up to 10 minutes) until its key is ready. */
const ready = new Set<string>();
const waitFor = defineAction({
  type: "test.wait_for",
  target: "http",
  summary: "Waits until its key is ready.",
  params: z.strictObject({ key: z.string() }),
  examples: [],
  run: ({ key }) => {
    if (ready.has(key)) return Promise.resolve({ key });
    throw new ActionError("not_ready", `${key} is not ready`, { kind: "wait", waitFor: 600_000 });
  },
});

let target: FakeTarget;
let store: Store;
let clock: TestClock;
let logs: Record<string, unknown>[];
let runtimes: TargetRuntimes;
let deps: DeliveryDeps;

beforeEach(async () => {
  target = createFakeTarget({
    respond: (call) => ({ status: 200, body: call.path === "/v1/first" ? { lead_id: 42 } : {} }),
  });
  await target.start();
  store = openSqliteStore(`sqlite:${join(mkdtempSync(join(tmpdir(), "run-delivery-")), "t.db")}`);
  await store.migrate();
  clock = createTestClock(T0);
  ready.clear();
  logs = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(JSON.parse(chunk.toString("utf8")) as Record<string, unknown>);
      done();
    },
  });
  const targets = {
    api: targetSchema.parse({ type: "http", base_url: `${target.url}/v1`, timeout: "500ms" }),
  };
  const actions = [...createActions(), waitFor];
  runtimes = createTargetRuntimes(targets, {
    masker: createMasker(new Set()),
    rateLimits: createRateLimits(),
    defaultTimeoutMs: 1000,
    maxResponseSize: 1024 * 1024,
  });
  deps = {
    store,
    owner: "w1",
    delivery: deliverySchema.parse({ retry: ["10s", "1m"], max_age: "1h", lease: "30s" }),
    templates,
    actions: new Map(actions.map((a) => [a.type, a])),
    targets: runtimes,
    routes: createRouteCache({ functions: createTemplateFunctions(templates), targets }, actions),
    breaker: createCircuitBreaker({ failures: 5, coolDown: 30_000 }),
    log: createLogger("info", sink),
    now: () => clock.now(),
    masker: createMasker(new Set()),
  };
});

afterEach(async () => {
  await runtimes.close();
  await store.close();
  await target.close();
});

/** Stores an event with one delivery of `route` (received now) and returns its id. */
async function accept(route: Record<string, unknown>): Promise<string> {
  const stored = delivery({
    route_id: String(route.id),
    route_snapshot: route,
    next_target: "api",
  });
  await store.ingest({ event: event({}, clock.now()), deliveries: [stored] });
  return stored.id;
}

async function claim(owner = "w1"): Promise<ClaimedDelivery> {
  const [claimed] = await store.claim({ owner, now: clock.now(), limit: 1, lease_ms: 30_000 });
  if (!claimed) throw new Error("nothing to claim");
  return claimed;
}

const run = async (claimed?: ClaimedDelivery) =>
  runDelivery(claimed ?? (await claim()), deps, new AbortController().signal);

async function stored(id: string) {
  const [row] = await store.listDeliveries({});
  const attempts = await store.listAttempts(id);
  return { row, outcomes: attempts.map((a) => [a.action_index, a.outcome, a.error_code]) };
}

const calls = () => target.calls.map((c) => `${c.method} ${c.path}`);

describe("runDelivery", () => {
  it("runs every action in order, the later one fed by the earlier one's output", async () => {
    const id = await accept(chain);
    await run();
    const { row, outcomes } = await stored(id);
    expect(row).toMatchObject({ status: "succeeded", next_action: 2, last_error: null });
    expect(row?.outputs["0"]).toMatchObject({ status: 200, body: { lead_id: 42 } });
    expect(outcomes).toEqual([
      [0, "ok", null],
      [1, "ok", null],
    ]);
    expect(calls()).toEqual(["POST /v1/first", "GET /v1/second/42"]);
    expect(logs.at(-1)).toMatchObject({ msg: "delivery succeeded", delivery_id: id, level: 30 });
  });

  it("schedules a retry on the retry schedule, saying when", async () => {
    target.failNext({ status: 503 });
    const id = await accept(chain);
    await run();
    const { row, outcomes } = await stored(id);
    expect(row).toMatchObject({ status: "pending", attempts: 1, next_attempt_at: T0 + 10_000 });
    expect(row?.last_error).toMatch(/^http_503/);
    expect(outcomes).toEqual([[0, "retry", "http_503"]]);
    expect(logs).toMatchObject([
      { level: 40, code: "http_503", kind: "retry", retry_at: "2025-01-01T00:00:10.000Z" },
    ]);
  });

  it("resumes at the failed action without repeating the one before", async () => {
    target.failNext({ path: "/v1/second/42", status: 502 });
    const id = await accept(chain);
    await run();
    clock.advance(10_000);
    await run();
    const { row, outcomes } = await stored(id);
    expect(row?.status).toBe("succeeded");
    expect(outcomes).toEqual([
      [0, "ok", null],
      [1, "retry", "http_502"],
      [1, "ok", null],
    ]);
    expect(calls()).toEqual(["POST /v1/first", "GET /v1/second/42", "GET /v1/second/42"]);
  });

  it("stops when another worker took the delivery over, storing nothing more", async () => {
    const id = await accept(chain);
    const mine = await claim("w1");
    clock.advance(30_001);
    await claim("w2");
    await run(mine);
    const { row, outcomes } = await stored(id);
    expect(row).toMatchObject({ status: "running", next_action: 0 });
    expect(outcomes).toEqual([]);
    expect(calls()).toEqual(["POST /v1/first"]);
    expect(logs).toMatchObject([{ level: 40, code: "lease_lost", delivery_id: id }]);
  });

  it("leaves a paused target alone: pending until the pause ends, no attempt", async () => {
    deps.breaker.pause("api", T0 + 45_000);
    const id = await accept(chain);
    await run();
    const { row, outcomes } = await stored(id);
    expect(row).toMatchObject({ status: "pending", attempts: 0, next_attempt_at: T0 + 45_000 });
    expect(outcomes).toEqual([]);
    expect(calls()).toEqual([]);
    expect(logs).toMatchObject([
      { level: 30, code: "target_paused", target: "api", until: "2025-01-01T00:00:45.000Z" },
    ]);
  });

  it("gives a later action that waits its own wait, not the one an earlier action had", async () => {
    const id = await accept({
      id: "waits",
      source: "forms",
      actions: ["a", "b"].map((key) => ({ "test.wait_for": { key }, target: "api" })),
    });
    await run();
    clock.advance(540_000);
    ready.add("a");
    await run();
    clock.advance(120_000);
    await run();
    const { row, outcomes } = await stored(id);
    expect(outcomes).toEqual([
      [0, "wait", "not_ready"],
      [0, "ok", null],
      [1, "wait", "not_ready"],
      [1, "wait", "not_ready"],
    ]);
    expect(row).toMatchObject({ status: "pending", next_action: 1 });
  });

  it("fails a delivery whose route snapshot no longer compiles, at error", async () => {
    const id = await accept({ ...chain, actions: [{ "http.request": {}, target: "gone" }] });
    await run();
    const { row } = await stored(id);
    expect(row?.last_error).toMatch(/^invalid_route: route snapshot does not compile/);
    expect(logs).toMatchObject([{ level: 50, code: "invalid_route", delivery_id: id }]);
  });

  it("puts the event's id on every line it logs", async () => {
    target.failNext({ status: 503 });
    await accept(chain);
    const claimed = await claim();
    await run(claimed);
    expect(logs.length).toBeGreaterThan(0);
    for (const line of logs)
      expect(line).toMatchObject({ event_id: claimed.event.id, route_id: "chain" });
  });
});
