import type { DatabaseSync } from "node:sqlite";

interface Job {
  work: () => unknown;
  durable: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommit {
  /**
   * Runs `work` inside the next shared transaction; settles once that transaction commits.
   * `durable: false` marks work that may be lost to a power cut (not to a process crash) without
   * harm, e.g. taking a lease: a batch of such work only commits without waiting for the disk.
   */
  run<T>(work: () => T, options?: { durable?: boolean }): Promise<T>;
  /** Waits for queued work to commit. */
  drain(): Promise<void>;
}

export interface GroupCommitOptions {
  maxBatch?: number;
  /**
   * Makes the log durable off the event loop (an fsync of the WAL file on the thread pool).
   * With it, every batch commits with synchronous=NORMAL and a durable batch's callers are
   * answered once `syncLog` resolves; without it, a durable batch commits with synchronous=FULL,
   * whose fsync blocks the event loop.
   */
  syncLog?: () => Promise<void>;
  /**
   * An error while nothing may be written any more (the database file is gone): `run` rejects
   * with it at once, and a batch still queued when it appears is refused whole, not committed.
   */
  blocked?: () => Error | undefined;
}

/**
 * Group commit for a synchronous SQLite connection: every write queued during one turn of the
 * event loop runs in one transaction, so a durable commit (an fsync) is paid once per batch
 * instead of once per request. Each job runs in its own savepoint: a job that throws is rolled
 * back alone and its caller gets the error; if the commit itself fails, every job in the batch
 * fails and nothing of it is kept. A batch that holds only non-durable work commits with
 * synchronous=NORMAL (no fsync; in WAL mode a process crash still loses nothing, and the next
 * durable commit makes it durable too).
 */
export function createGroupCommit(db: DatabaseSync, options: GroupCommitOptions = {}): GroupCommit {
  const { maxBatch = 512, syncLog, blocked } = options;
  const queue: Job[] = [];
  // prepared once: parsing these for every job of every batch showed in the profile
  const sql = {
    begin: db.prepare("BEGIN IMMEDIATE"),
    savepoint: db.prepare("SAVEPOINT job"),
    release: db.prepare("RELEASE job"),
    rollbackTo: db.prepare("ROLLBACK TO job"),
    commit: db.prepare("COMMIT"),
  };
  let scheduled = false;
  let idle: Promise<void> = Promise.resolve();
  let markIdle: () => void = () => undefined;
  let durableMode = true;
  let syncing = 0;
  const settleIdle = (): void => {
    if (queue.length === 0 && syncing === 0) markIdle();
  };

  const flush = (): void => {
    scheduled = false;
    const batch = takeBatch();
    if (batch.length === 0) return; // durable work waits for the fsync in flight
    if (queue.length > 0) schedule();
    const results: { job: Job; ok: boolean; value: unknown }[] = [];
    const durable = batch.some((job) => job.durable);
    const refused = blocked?.();
    if (refused) {
      for (const job of batch) job.reject(refused);
      settleIdle();
      return;
    }
    try {
      const full = durable && syncLog === undefined;
      if (full !== durableMode) {
        db.exec(`PRAGMA synchronous = ${full ? "FULL" : "NORMAL"}`);
        durableMode = full;
      }
      sql.begin.run();
      for (const job of batch) {
        sql.savepoint.run();
        try {
          results.push({ job, ok: true, value: job.work() });
          sql.release.run();
        } catch (error) {
          sql.rollbackTo.run();
          sql.release.run();
          results.push({ job, ok: false, value: error });
        }
      }
      sql.commit.run();
    } catch (error) {
      rollback(db);
      for (const job of batch) job.reject(error);
      settleIdle();
      return;
    }
    const settle = (): void => {
      for (const { job, ok, value } of results) {
        if (ok) job.resolve(value);
        else job.reject(value);
      }
    };
    if (!durable || syncLog === undefined) {
      settle();
      settleIdle();
      return;
    }
    // committed, but nobody hears of it before it is on disk; a failed fsync fails the batch
    syncing += 1;
    void syncLog()
      .then(settle, (error: unknown) => {
        for (const job of batch) job.reject(error);
      })
      .finally(() => {
        syncing -= 1;
        if (queue.length > 0) schedule();
        settleIdle();
      });
  };

  /**
   * The next batch. While an fsync runs, durable work stays queued: its callers could only be
   * answered after the fsync that follows this one anyway, so it commits when this one ends,
   * all of it in one transaction (fewer, larger commits write each shared page once). Work
   * that need not wait for the disk (leases) is taken at once.
   */
  const takeBatch = (): Job[] => {
    if (syncing === 0 || syncLog === undefined) return queue.splice(0, maxBatch);
    const batch: Job[] = [];
    const held: Job[] = [];
    for (const job of queue) {
      if (job.durable || batch.length >= maxBatch) held.push(job);
      else batch.push(job);
    }
    queue.splice(0, queue.length, ...held);
    return batch;
  };

  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };

  return {
    run<T>(work: () => T, options: { durable?: boolean } = {}): Promise<T> {
      const refused = blocked?.();
      if (refused) return Promise.reject(refused);
      if (queue.length === 0 && !scheduled && syncing === 0)
        idle = new Promise((resolve) => (markIdle = resolve));
      return new Promise<T>((resolve, reject) => {
        queue.push({
          work,
          durable: options.durable ?? true,
          resolve: resolve as (value: unknown) => void,
          reject,
        });
        schedule();
      });
    },
    drain: () => idle,
  };
}

/** Ends a failed transaction; a connection that is gone has nothing to roll back. */
function rollback(db: DatabaseSync): void {
  try {
    if (db.isOpen && db.isTransaction) db.exec("ROLLBACK");
  } catch {
    // the connection failed under us; the transaction did not commit either way
  }
}
