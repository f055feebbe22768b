import { copyFileSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../core/create-logger.ts";
import { guardDatabaseFile } from "./guard-database-file.ts";

const open: DatabaseSync[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.isOpen) db.close();
});

/** A WAL database with rows 1-3 committed, its guard (which has seen both files), and its log. */
async function guarded() {
  const dir = mkdtempSync(join(tmpdir(), "botbridge-guard-"));
  const path = join(dir, "botbridge.db");
  const db = new DatabaseSync(path);
  open.push(db);
  db.exec("PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2)");
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(JSON.parse(chunk.toString("utf8")) as Record<string, unknown>);
      done();
    },
  });
  const guard = guardDatabaseFile(db, path, createLogger("info", sink));
  db.exec("INSERT INTO t VALUES (3)");
  await guard.verify();
  return { dir, path, db, guard, logs };
}

const rowsIn = (file: string) => {
  const db = new DatabaseSync(file, { readOnly: true });
  open.push(db);
  return db
    .prepare("SELECT x FROM t ORDER BY x")
    .all()
    .map((r) => r.x);
};

describe("guardDatabaseFile", () => {
  it.each<{
    name: string;
    change: (path: string) => void;
    lost?: (path: string) => string;
    savedInPlace?: boolean;
  }>([
    { name: "nothing changed", change: () => undefined },
    {
      name: "the database, its WAL and shared memory deleted",
      change: (path) => ["", "-wal", "-shm"].forEach((s) => rmSync(`${path}${s}`)),
      lost: (path) => `database file ${path} was deleted`,
      savedInPlace: true,
    },
    {
      name: "only the database file deleted",
      change: (path) => rmSync(path),
      lost: (path) => `database file ${path} was deleted`,
      savedInPlace: false,
    },
    {
      name: "the WAL deleted",
      change: (path) => rmSync(`${path}-wal`),
      lost: (path) => `database file ${path}-wal was deleted`,
      savedInPlace: false,
    },
    {
      name: "the database replaced by another file",
      change: (path) => {
        copyFileSync(path, `${path}.other`);
        renameSync(`${path}.other`, path);
      },
      lost: (path) => `database file ${path} was replaced`,
      savedInPlace: false,
    },
  ])("$name", async (c) => {
    const { dir, path, db, guard, logs } = await guarded();
    c.change(path);
    db.exec("INSERT INTO t VALUES (4)"); // SQLite itself goes on writing, wherever the file is
    if (!c.lost) {
      await expect(guard.verify()).resolves.toBeUndefined();
      expect(guard.lost()).toBeUndefined();
      expect(logs).toEqual([]);
      return;
    }
    const message = `${c.lost(path)}; writes are refused until botbridge restarts`;
    await expect(guard.verify()).rejects.toThrow(message);
    await expect(guard.verify()).rejects.toThrow(message); // and stays so
    expect(guard.lost()?.message).toBe(message);
    const saved = readdirSync(dir).filter((f) => /^botbridge\.db(\.recovered-.*)?$/.test(f));
    const to = c.savedInPlace
      ? path
      : join(dir, saved.find((f) => f.includes(".recovered-")) ?? "none");
    expect(saved).toHaveLength(c.savedInPlace || !existsSync(path) ? 1 : 2);
    expect(rowsIn(to)).toEqual([1, 2, 3, 4]); // everything the connection had, nothing less
    expect(logs).toMatchObject([{ level: 50, code: "store_unavailable", saved_to: to }]);
  });
});
