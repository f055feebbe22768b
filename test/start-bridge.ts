import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { expect } from "vitest";
import type { Botbridge } from "../src/main.ts";
import { startBotbridge } from "../src/main.ts";
import type { Attempt, DeliveryRow, DeliveryStatus } from "../src/store/store.ts";
import { createTestClock, type TestClock } from "./test-clock.ts";
import { writeRoutesFile } from "./write-routes-file.ts";

export interface TestBridge {
  bridge: Botbridge;
  url: string;
  clock: TestClock;
  dir: string;
  /** Every log line, parsed. */
  logs: Record<string, unknown>[];
  /** POSTs a body to /hooks/<source>. */
  post(
    source: string,
    body: string | Buffer,
    headers?: Record<string, string>,
    query?: string,
  ): Promise<{ status: number; json: unknown }>;
  /** POSTs `body` as JSON to /hooks/<source>, expects 200 and returns the event id. */
  postEvent(source: string, body: unknown): Promise<string>;
  /** The attempts of the event's (first) delivery, oldest first. */
  attemptsOf(eventId: string): Promise<Attempt[]>;
  /** Moves the clock and wakes the dispatcher. */
  advance(ms: number): void;
  /** Waits until the dispatcher finds nothing due and nothing in flight, or throws after `timeoutMs`. */
  settle(timeoutMs?: number): Promise<DeliveryRow[]>;
  /** Waits until `check` holds (polling), or throws after `timeoutMs`. */
  until(check: () => Promise<boolean> | boolean, timeoutMs?: number): Promise<void>;
  deliveries(status?: DeliveryStatus): Promise<DeliveryRow[]>;
  stop(): Promise<void>;
}

/**
 * Starts a real botbridge in this process on a fresh SQLite file, on a random loopback port,
 * with a hand-moved clock. `yaml` is the routes file; it may use `${VAR}`s from `env`. Unless
 * the file sets them, storage.url, server.port and a short delivery.poll_interval are filled in.
 */
export async function startBridge(
  yaml: string,
  options: { env?: NodeJS.ProcessEnv; clock?: TestClock } = {},
): Promise<TestBridge> {
  const { dir, file, sqliteUrl } = writeRoutesFile(yaml);
  // a generated admin token goes beside the routes file, never into the working folder's data/
  if (!/^admin:/m.test(yaml))
    appendFileSync(file, `\nadmin:\n  token_file: ${join(dir, "admin-token")}\n`);
  const clock = options.clock ?? createTestClock();
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n"))
        if (line) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const env = {
    BOTBRIDGE_DATABASE_URL: sqliteUrl,
    PORT: "0",
    ...options.env,
  };
  const bridge = await startBotbridge({
    configPath: file,
    env,
    logDestination: sink,
    now: () => clock.now(),
  });
  const until = async (check: () => Promise<boolean> | boolean, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error("timed out waiting for a condition");
      await sleep(10);
    }
  };
  const deliveries = (status?: DeliveryStatus) =>
    bridge.store.listDeliveries({ ...(status ? { status } : {}), limit: 100_000 });
  const post: TestBridge["post"] = async (source, body, headers = {}, query = "") => {
    const response = await fetch(`${bridge.url}/hooks/${source}${query ? `?${query}` : ""}`, {
      method: "POST",
      body,
      headers,
    });
    const text = await response.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, json };
  };
  return {
    bridge,
    url: bridge.url,
    clock,
    dir,
    logs,
    post,
    async postEvent(source, body) {
      const response = await post(source, JSON.stringify(body), {
        "content-type": "application/json",
      });
      expect(response.status).toBe(200);
      return (response.json as { event_id: string }).event_id;
    },
    async attemptsOf(eventId) {
      const [delivery] = await bridge.store.listDeliveries({ event_id: eventId });
      return delivery ? bridge.store.listAttempts(delivery.id) : [];
    },
    advance(ms) {
      clock.advance(ms);
      bridge.wake();
    },
    async settle(timeoutMs = 10_000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`deliveries did not settle within ${timeoutMs} ms`)),
          timeoutMs,
        );
      });
      try {
        await Promise.race([bridge.idle(), timeout]);
      } finally {
        clearTimeout(timer);
      }
      return deliveries();
    },
    until,
    deliveries,
    stop: () => bridge.stop(),
  };
}
