import { copyFileSync, existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { openSqliteStore } from "../src/store/sqlite-store.ts";
import { startBridge, type TestBridge } from "./start-bridge.ts";

/**
 * The database file deleted (or swapped) under a running server: SQLite would go on writing into
 * a file no restart ever opens, so 2xx answers would be lies. Instead /readyz and webhooks get
 * 503, and everything acknowledged is saved to disk for the restart.
 */
const yaml = `version: 1
targets:
  crm: { type: http, base_url: "https://crm.example.com", dry_run: true }
sources:
  forms: { verify: { token: t } }
routes:
  - id: lead
    source: forms
    actions:
      - http.request: { path: /lead }
`;
const unavailable = (message: string) => ({ error: { code: "store_unavailable", message } });

const removeAll = (path: string) =>
  ["", "-wal", "-shm"].forEach((suffix) => rmSync(`${path}${suffix}`, { force: true }));

/** Puts an empty database where botbridge's was, as restoring an old backup would. */
const replace = (path: string) => {
  const other = new DatabaseSync(`${path}.other`);
  other.exec("CREATE TABLE unrelated (x)");
  other.close();
  copyFileSync(`${path}.other`, `${path}.copy`);
  removeAll(path);
  renameSync(`${path}.copy`, path);
};

async function readyz(bridge: TestBridge) {
  const response = await fetch(`${bridge.url}/readyz`);
  return { status: response.status, json: await response.json() };
}

describe("a database file lost under a running server", () => {
  it.each<{
    name: string;
    lose: (path: string) => void;
    /** What the test asks before stopping (nothing: only the shutdown notices). */
    ask: ("readyz" | "webhook")[];
    savedInPlace: boolean;
  }>([
    {
      name: "deleted, noticed by /readyz",
      lose: removeAll,
      ask: ["readyz", "webhook"],
      savedInPlace: true,
    },
    {
      name: "deleted, noticed by a webhook",
      lose: removeAll,
      ask: ["webhook", "readyz"],
      savedInPlace: true,
    },
    { name: "deleted, noticed at shutdown", lose: removeAll, ask: [], savedInPlace: true },
    {
      name: "replaced, noticed by /readyz",
      lose: replace,
      ask: ["readyz", "webhook"],
      savedInPlace: false,
    },
  ])("$name: 503s, and every acknowledged event kept", async (c) => {
    const bridge = await startBridge(yaml);
    const path = join(bridge.dir, "botbridge.db");
    const acknowledged: string[] = [];
    try {
      expect(await readyz(bridge)).toMatchObject({ status: 200, json: { ok: true } });
      for (let i = 0; i < 5; i += 1) {
        const answer = await bridge.post(
          "forms",
          JSON.stringify({ i }),
          {
            "content-type": "application/json",
          },
          "token=t",
        );
        expect(answer.status).toBe(200);
        acknowledged.push((answer.json as { event_id: string }).event_id);
      }
      c.lose(path);
      for (const ask of c.ask) {
        if (ask === "readyz")
          expect(await readyz(bridge)).toEqual({
            status: 503,
            json: unavailable("the store cannot be reached or cannot write; see the server log"),
          });
        else
          expect(
            await bridge.post(
              "forms",
              '{"i":"late"}',
              { "content-type": "application/json" },
              "token=t",
            ),
          ).toEqual({
            status: 503,
            json: unavailable("the event could not be stored; retry later"),
          });
      }
    } finally {
      await bridge.stop();
    }

    const saved = c.savedInPlace
      ? path
      : join(bridge.dir, readdirSync(bridge.dir).find((f) => f.includes(".recovered-")) ?? "none");
    expect(bridge.logs.filter((l) => l.saved_to !== undefined)).toMatchObject([
      { level: 50, code: "store_unavailable", saved_to: saved },
    ]);
    const restarted = openSqliteStore(`sqlite:${saved}`);
    try {
      await restarted.migrate();
      for (const id of acknowledged) {
        expect(await restarted.getEvent(id)).toMatchObject({ id, source: "forms" });
        expect(await restarted.listDeliveries({ event_id: id })).toHaveLength(1);
      }
      // an event refused once the loss was known was not stored; one whose own commit found the
      // loss was answered 503 (its sender retries) and may be in the copy too, whole (whether it
      // committed before the loss was found depends on the fsyncs in flight)
      const stored = (await restarted.stats()).events;
      const mayHaveLate = c.ask[0] === "webhook" ? 1 : 0;
      expect(stored).toBeGreaterThanOrEqual(acknowledged.length);
      expect(stored).toBeLessThanOrEqual(acknowledged.length + mayHaveLate);
    } finally {
      await restarted.close();
    }
    if (!c.savedInPlace) expect(existsSync(path)).toBe(true); // the file put in its place is left alone
  });
});
