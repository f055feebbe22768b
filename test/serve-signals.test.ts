import { writeFileSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import type { FakeResponse } from "./fakes/fake-server.ts";
import { createFakeTarget } from "./fakes/fake-target.ts";
import { spawnBotbridge, type SpawnedBotbridge } from "./spawn-botbridge.ts";
import { writeRoutesFile } from "./write-routes-file.ts";

/**
 * `botbridge serve` as a real process and its signals: the first SIGINT (Ctrl-C) or SIGTERM says
 * it waits for in-flight actions and for how long, a second one stops at once with the deliveries
 * handed back; SIGHUP applies the log level and names the settings that need a restart; at start
 * it says which targets are in dry run.
 */
const held: ((response: FakeResponse) => void)[] = [];
const slow = createFakeTarget({ respond: () => new Promise((resolve) => held.push(resolve)) });
const spawned: SpawnedBotbridge[] = [];

afterAll(async () => {
  for (const server of spawned) await server.kill("SIGKILL");
  for (const answer of held.splice(0)) answer({ status: 200, body: {} });
  await slow.close();
});

const routes = (server = "log_level: info") => `
version: 1
server: { shutdown_timeout: 30s, ${server} }
delivery: { poll_interval: 50ms }
targets:
  slow: { type: http, base_url: "\${TARGET_URL}" }
  later: { type: http, base_url: "https://crm.example.com", dry_run: true }
sources:
  forms: {}
routes:
  - id: to-slow
    source: forms
    actions:
      - target: slow
        http.request: { method: POST, path: /hold, body: "{{ body }}" }
`;

async function start() {
  const { file, sqliteUrl, dir } = writeRoutesFile(routes(), "botbridge-signals-");
  const { url } = await slow.start();
  const server = await spawnBotbridge({
    config: file,
    env: { TARGET_URL: url, BOTBRIDGE_DATABASE_URL: sqliteUrl },
    timeoutMs: 60_000,
  });
  spawned.push(server);
  return { server, file, dir, db: sqliteUrl.slice("sqlite:".length) };
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** A process start takes seconds on a busy machine. */
const SLOW = 120_000;

describe("the first stop signal waits for in-flight actions, a second stops at once", () => {
  it.each<[string, NodeJS.Signals, string]>([
    ["Ctrl-C twice", "SIGINT", "Ctrl-C again stops at once"],
    ["SIGTERM twice", "SIGTERM", "SIGTERM again stops at once"],
  ])(
    "%s",
    async (_name, signal, hint) => {
      const { server, db } = await start();
      const calls = slow.calls.length;
      const response = await fetch(`${server.url}/hooks/forms`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ n: 1 }),
      });
      expect(response.status).toBe(200);
      await until(() => slow.calls.length > calls, "the action to reach the target");

      const exited = new Promise<number | null>((resolve) => server.child.once("exit", resolve));
      server.child.kill(signal);
      await until(() => server.output().includes(hint), "the first signal's message");
      expect(server.output()).toContain(
        `botbridge: ${signal}: shutting down; waiting up to 30s (server.shutdown_timeout) for in-flight actions to finish`,
      );
      // stderr and the log (stdout) are separate pipes: either may arrive first
      await until(
        () => /"in_flight":1,"shutdown_timeout_ms":30000/.test(server.output()),
        "the stopping log line",
      );
      await sleep(300);
      expect(server.child.exitCode).toBeNull();

      const second = Date.now();
      server.child.kill(signal);
      expect(await exited).toBe(0);
      expect(Date.now() - second).toBeLessThan(5_000);
      expect(server.output()).toContain(`botbridge: ${signal} again: stopping now`);
      expect(server.output()).toContain("botbridge stopped");

      const store = new DatabaseSync(db, { readOnly: true });
      const rows = store.prepare("SELECT status, lease_owner FROM deliveries").all();
      store.close();
      expect(rows).toEqual([{ status: "pending", lease_owner: null }]);
    },
    SLOW,
  );
});

describe("a running serve", () => {
  it(
    "says at start which targets are in dry run",
    async () => {
      const { server } = await start();
      const line = server
        .output()
        .split("\n")
        .find((l) => l.includes('"dry_run"'));
      expect(JSON.parse(line ?? "{}")).toMatchObject({
        level: 30,
        dry_run: ["later"],
        msg: "targets in dry run (deliveries are recorded, nothing is sent): later",
      });
    },
    SLOW,
  );

  it(
    "applies the log level at SIGHUP and names the changes that need a restart",
    async () => {
      const { server, file } = await start();
      writeFileSync(file, routes("log_level: debug, host: 127.0.0.1, body_limit: 2mb"));
      server.child.kill("SIGHUP");
      await until(() => server.output().includes("restart_needed"), "the reload");
      const lines = server
        .output()
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toContainEqual(expect.objectContaining({ log_level: "debug", level: 30 }));
      expect(lines).toContainEqual(
        expect.objectContaining({
          level: 40,
          code: "restart_needed",
          settings: ["server.host", "server.body_limit"],
          msg: "server.host, server.body_limit changed: a restart applies them; until then the old values stay",
        }),
      );
      // still serving as it started
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    },
    SLOW,
  );
});
