import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../src/store/open-store.ts";
import { runBotbridge } from "./run-botbridge.ts";
import { startSinkBridge, type SinkBridge } from "./start-sink-bridge.ts";

let t: SinkBridge | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

describe("botbridge backup FILE", () => {
  it("copies a database under write load: the copy is sound and holds every event acknowledged before it began", async () => {
    t = await startSinkBridge();
    const bridge = t;
    const database = `sqlite:${join(bridge.dir, "botbridge.db")}`;
    const acknowledged: string[] = [];
    let writing = true;
    let n = 0;
    const writer = async () => {
      while (writing) {
        const response = await bridge.send({ n: (n += 1), phone: `+7999${n}` });
        expect(response.status).toBe(200);
        acknowledged.push((response.json as { event_id: string }).event_id);
      }
    };
    const writers = Array.from({ length: 8 }, writer);
    await bridge.until(() => acknowledged.length >= 300);

    const before = [...acknowledged];
    const file = join(bridge.dir, "backup.db");
    const run = await runBotbridge(["backup", file, "--database", database]);
    const during = acknowledged.length - before.length;
    writing = false;
    await Promise.all(writers);

    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^backed up .* to .*backup\.db \(\d+ bytes, integrity ok\)\n$/);
    // the server kept acknowledging webhooks while the copy was made
    expect(during).toBeGreaterThan(0);

    const copy = new DatabaseSync(file, { readOnly: true });
    expect(copy.prepare("PRAGMA integrity_check").get()?.integrity_check).toBe("ok");
    expect(copy.prepare("PRAGMA journal_mode").get()?.journal_mode).toBe("delete");
    const ids = new Set(
      copy
        .prepare("SELECT id FROM events")
        .all()
        .map((r) => r.id as string),
    );
    copy.close();
    expect(before.filter((id) => !ids.has(id))).toEqual([]);
    expect(existsSync(`${file}-wal`)).toBe(false);

    // restored: botbridge opens the copy as its store and finds the events
    const restored = await openStore(`sqlite:${file}`);
    try {
      for (const id of [before[0], before.at(-1)])
        expect((await restored.getEvent(id ?? ""))?.id).toBe(id);
      expect((await restored.stats()).events).toBe(ids.size);
    } finally {
      await restored.close();
    }
  }, 60_000);

  it("refuses to overwrite a file, and a PostgreSQL store", async () => {
    t = await startSinkBridge();
    const database = `sqlite:${join(t.dir, "botbridge.db")}`;
    const file = join(t.dir, "routes.yaml");
    const kept = readFileSync(file, "utf8");
    const again = await runBotbridge(["backup", file, "--database", database]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/routes\.yaml already exists; a backup never overwrites a file/);
    expect(readFileSync(file, "utf8")).toBe(kept);

    const postgres = await runBotbridge([
      "backup",
      join(t.dir, "pg.db"),
      "--database",
      "postgres://postgres@127.0.0.1:5432/test",
    ]);
    expect(postgres.status).toBe(1);
    expect(postgres.stderr).toMatch(/pg_dump/);
  });
});
