import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { createGroupCommit, type GroupCommit } from "./group-commit.ts";

let db: DatabaseSync;
let writes: GroupCommit;
/** Each COMMIT, with the synchronous level it ran under (1 = NORMAL, 2 = FULL). */
let commits: number[];

beforeEach(() => {
  db = new DatabaseSync(join(mkdtempSync(join(tmpdir(), "botbridge-gc-")), "gc.db"));
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE t (x INTEGER)");
  commits = [];
  // the group commit prepares its COMMIT once: count the runs of that statement
  const prepare = db.prepare.bind(db);
  db.prepare = (sql: string) => {
    const statement = prepare(sql);
    if (sql !== "COMMIT") return statement;
    const run = statement.run.bind(statement);
    statement.run = () => {
      commits.push(prepare("PRAGMA synchronous").get()?.synchronous as number);
      return run();
    };
    return statement;
  };
  writes = createGroupCommit(db);
});

afterEach(() => {
  db.close();
});

const insert = (x: number) => () => db.prepare("INSERT INTO t (x) VALUES (?)").run(x);
const rows = () =>
  db
    .prepare("SELECT x FROM t ORDER BY x")
    .all()
    .map((r) => r.x);

describe("group commit", () => {
  it("commits the writes of one turn together, and a failing one alone is rolled back", async () => {
    const results = await Promise.allSettled([
      writes.run(insert(1)),
      writes.run(() => {
        insert(2)();
        throw new Error("job failed");
      }),
      writes.run(insert(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(rows()).toEqual([1, 3]);
    expect(commits).toHaveLength(1);
  });

  it.each([
    { name: "only leases", durable: [false, false], level: 1 },
    { name: "a lease and an ingest", durable: [false, true], level: 2 },
    { name: "only ingests", durable: [true, true], level: 2 },
  ])("waits for the disk unless every job may be lost to a power cut: $name", async (c) => {
    await Promise.all(c.durable.map((durable, i) => writes.run(insert(i), { durable })));
    expect(commits).toEqual([c.level]);
    expect(rows()).toEqual([0, 1]);
  });

  it("goes back to FULL for the next durable batch", async () => {
    await writes.run(insert(1), { durable: false });
    await writes.run(insert(2));
    expect(commits).toEqual([1, 2]);
  });

  it("refuses every write while blocked, a batch already queued included, and commits none", async () => {
    let blocked: Error | undefined = undefined;
    const group = createGroupCommit(db, { blocked: () => blocked });
    await group.run(insert(1));
    const queued = [group.run(insert(2)), group.run(insert(3), { durable: false })];
    blocked = new Error("database file gone");
    const later = group.run(insert(4));
    const results = await Promise.allSettled([...queued, later]);
    expect(results.map((r) => r.status === "rejected" && (r.reason as Error).message)).toEqual([
      "database file gone",
      "database file gone",
      "database file gone",
    ]);
    expect(rows()).toEqual([1]);
    expect(commits).toHaveLength(1);
    await group.drain();
  });

  describe("with the log synced off the event loop", () => {
    /** A syncLog whose fsyncs finish when the test says so. */
    function manualSync() {
      const pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
      const syncLog = () =>
        new Promise<void>((resolve, reject) => pending.push({ resolve, reject }));
      return { syncLog, pending };
    }
    const settledYet = async (promise: Promise<unknown>) => {
      let settled = false;
      promise.then(
        () => (settled = true),
        () => (settled = true),
      );
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      return settled;
    };

    it.each([
      { name: "a durable batch waits for the fsync", durable: true, waits: true },
      { name: "a lease batch does not", durable: false, waits: false },
    ])("$name, and commits without blocking (NORMAL)", async (c) => {
      const { syncLog, pending } = manualSync();
      const group = createGroupCommit(db, { syncLog });
      const job = group.run(insert(1), { durable: c.durable });
      expect(await settledYet(job)).toBe(!c.waits);
      expect(rows()).toEqual([1]); // committed, whether or not the caller has heard yet
      expect(commits).toEqual([1]);
      expect(pending).toHaveLength(c.waits ? 1 : 0);
      pending.forEach((p) => p.resolve());
      await job;
      await group.drain();
    });

    it("holds durable work while an fsync runs and commits it in one batch after; leases go at once", async () => {
      const { syncLog, pending } = manualSync();
      const group = createGroupCommit(db, { syncLog });
      const first = group.run(insert(1));
      expect(await settledYet(first)).toBe(false); // committed, its fsync running
      const held = [group.run(insert(2)), group.run(insert(3))];
      const lease = group.run(insert(4), { durable: false });
      expect(await settledYet(lease)).toBe(true);
      expect(rows()).toEqual([1, 4]); // the durable two wait for the disk
      expect(commits).toEqual([1, 1]);
      pending[0]?.resolve();
      await first;
      expect(await settledYet(held[0]!)).toBe(false);
      expect(rows()).toEqual([1, 2, 3, 4]);
      expect(commits).toEqual([1, 1, 1]); // both in one transaction, now syncing
      pending[1]?.resolve();
      await Promise.all(held);
      await group.drain();
    });

    it("fails every job of a batch whose fsync fails, and drains after it", async () => {
      const { syncLog, pending } = manualSync();
      const group = createGroupCommit(db, { syncLog });
      const jobs = [group.run(insert(1)), group.run(insert(2))];
      await settledYet(jobs[0]!);
      pending[0]?.reject(new Error("EIO: fsync failed"));
      const results = await Promise.allSettled(jobs);
      expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
      await group.drain();
    });
  });
});
