import { afterEach, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { setTimeout as sleep } from "node:timers/promises";
import { startWalCheckpointer, type WalCheckpointer } from "./checkpoint-wal.ts";

let checkpointer: WalCheckpointer | undefined;
let db: DatabaseSync | undefined;
afterEach(async () => {
  await checkpointer?.close();
  db?.close();
  checkpointer = db = undefined;
});

/** A WAL database whose connection never checkpoints itself, as the store opens it. */
const open = () => {
  const path = join(mkdtempSync(join(tmpdir(), "botbridge-ckpt-")), "wal.db");
  db = new DatabaseSync(path);
  db.exec(
    "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0;" +
      "PRAGMA busy_timeout = 5000;" +
      "PRAGMA journal_size_limit = 0; CREATE TABLE t (x TEXT)",
  );
  return { path, db };
};

/** Writes `batches` transactions of 20 rows of 1 KB, one every `pauseMs`. */
const write = async (target: DatabaseSync, batches: number, pauseMs: number) => {
  const insert = target.prepare("INSERT INTO t (x) VALUES (?)");
  for (let i = 0; i < batches; i += 1) {
    target.exec("BEGIN");
    for (let j = 0; j < 20; j += 1) insert.run("x".repeat(1024));
    target.exec("COMMIT");
    await sleep(pauseMs);
  }
};

const walFrames = (path: string) => Math.max(0, (statSync(`${path}-wal`).size - 32) / (4096 + 24));

describe("WAL checkpointer", () => {
  it("copies the WAL into the database while writes go on, and keeps the WAL bounded", async () => {
    const { path, db: target } = open();
    checkpointer = startWalCheckpointer(path, { everyMs: 10, restartFrames: 50 });
    await write(target, 200, 5); // about 1,200 frames in all, never a pause long enough
    const frames = walFrames(path);
    expect(frames).toBeLessThan(600);
    const copied = new DatabaseSync(path, { readOnly: true });
    try {
      expect(copied.prepare("SELECT count(*) AS n FROM t").get()?.n).toBe(4000);
    } finally {
      copied.close();
    }
  });

  it("without it, the same writes leave every frame in the WAL (what it saves)", async () => {
    const { path, db: target } = open();
    await write(target, 200, 5);
    expect(walFrames(path)).toBeGreaterThan(1000);
  });

  it("never creates a database file that is gone, and says it stopped", async () => {
    const errors: string[] = [];
    let stopped = 0;
    const path = join(mkdtempSync(join(tmpdir(), "botbridge-ckpt-")), "deleted.db");
    checkpointer = startWalCheckpointer(path, {
      everyMs: 10,
      onError: (m) => errors.push(m),
      onStopped: () => (stopped += 1),
    });
    const deadline = Date.now() + 5_000;
    while (stopped === 0 && Date.now() < deadline) await sleep(10);
    expect(errors[0]).toMatch(/unable to open/i);
    expect(stopped).toBe(1);
    expect(existsSync(path)).toBe(false);
    await checkpointer.close();
    checkpointer = undefined;
  });

  it("stops its worker on close without saying it stopped by itself", async () => {
    const { path } = open();
    let stopped = 0;
    checkpointer = startWalCheckpointer(path, { everyMs: 10, onStopped: () => (stopped += 1) });
    await sleep(50);
    await checkpointer.close();
    checkpointer = undefined;
    expect(stopped).toBe(0);
  });
});
