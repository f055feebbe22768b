import { describe, expect, it } from "vitest";
import { createActions } from "../actions/actions.ts";
import type { Config } from "./config.ts";
import { parseConfig } from "./load-config.ts";
import { findRestartChanges } from "./find-restart-changes.ts";

function settingsOf(extra: string): Config["settings"] {
  const loaded = parseConfig(`version: 1\n${extra}`, "routes.yaml", {
    actions: createActions(),
    env: {},
  });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.config.settings;
}

describe("findRestartChanges names the changed settings only a restart applies", () => {
  it.each<[string, string, string, string[]]>([
    ["nothing changed", "", "", []],
    ["the port", "", "server: { port: 9000 }", ["server.port"]],
    [
      "port and host",
      "",
      "server: { port: 9000, host: 127.0.0.1 }",
      ["server.port", "server.host"],
    ],
    [
      "trust_proxy",
      "server: { trust_proxy: false }",
      "server: { trust_proxy: 1 }",
      ["server.trust_proxy"],
    ],
    ["body_limit", "", "server: { body_limit: 5mb }", ["server.body_limit"]],
    ["the log level (applied live)", "", "server: { log_level: debug }", []],
    [
      "shutdown_timeout and depth_limit (read anew)",
      "",
      "server: { shutdown_timeout: 1m, depth_limit: 10 }",
      [],
    ],
    ["the store", "", "storage: { url: 'sqlite:./other.db' }", ["storage.url"]],
    ["retention and redact (read anew)", "", "storage: { retention: 7d, redact: [card] }", []],
    [
      "the circuit breaker",
      "",
      "delivery: { circuit_breaker: { failures: 9 } }",
      ["delivery.circuit_breaker.failures"],
    ],
    ["the retry schedule (read anew)", "", "delivery: { retry: [1s] }", []],
  ])("%s", (_name, before, after, changes) => {
    expect(findRestartChanges(settingsOf(before), settingsOf(after))).toEqual(changes);
  });
});
