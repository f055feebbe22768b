import { Worker } from "node:worker_threads";

export interface WalCheckpointer {
  /** Stops the worker; the connection's own close then checkpoints what is left. */
  close(): Promise<void>;
}

export interface WalCheckpointerOptions {
  /** How often the worker copies the WAL into the database (ms). */
  everyMs?: number;
  /** WAL frames (pages) past which the worker makes the WAL start over (default 8,192: 32 MB). */
  restartFrames?: number;
  /** Told when a checkpoint fails (the next one is tried all the same). */
  onError?: (message: string) => void;
  /**
   * Told when the worker ends before close() (its database could not be opened): nobody
   * checkpoints any more, so the caller turns its connection's automatic checkpoint back on.
   */
  onStopped?: () => void;
}

// CommonJS run by the worker (eval): its own connection to the same file, a PASSIVE checkpoint
// (never waits for the writer) every `everyMs`. Under steady writes a passive checkpoint never
// catches up with the last frame, and the WAL only starts over from its beginning once one has:
// past `restartFrames` frames left behind, a RESTART checkpoint (the writer waits while it copies
// the few frames the passive one left) lets it start over.
const WORKER = `
const { DatabaseSync } = require("node:sqlite");
const { pathToFileURL } = require("node:url");
const { parentPort, workerData } = require("node:worker_threads");
// mode=rw: a database file deleted before the worker got to it is not created anew
const url = pathToFileURL(workerData.path);
url.searchParams.set("mode", "rw");
const db = new DatabaseSync(url);
db.exec("PRAGMA busy_timeout = 5000");
const passive = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
const restart = db.prepare("PRAGMA wal_checkpoint(RESTART)");
const timer = setInterval(() => {
  try {
    const { log } = passive.get();
    if (log > workerData.restartFrames) restart.get();
  } catch (error) {
    parentPort.postMessage(String((error && error.message) || error));
  }
}, workerData.everyMs);
parentPort.on("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Checkpoints a WAL-mode SQLite database from a worker thread. A checkpoint copies the WAL's
 * pages into the database file and fsyncs both; run by SQLite's automatic checkpoint it happens
 * inside a COMMIT on the event loop, which the CPU profile showed as the largest part of a
 * commit (bench/README.md). The caller turns the automatic checkpoint off on its connection.
 */
export function startWalCheckpointer(
  path: string,
  options: WalCheckpointerOptions = {},
): WalCheckpointer {
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      path,
      everyMs: options.everyMs ?? 250,
      restartFrames: options.restartFrames ?? 8_192,
    },
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
  });
  worker.unref();
  worker.on("message", (message: string) => options.onError?.(message));
  worker.on("error", (error: Error) => options.onError?.(error.message));
  let closing = false;
  const exited = new Promise<void>((resolve) =>
    worker.once("exit", () => {
      if (!closing) options.onStopped?.();
      resolve();
    }),
  );
  return {
    async close() {
      closing = true;
      worker.ref(); // the exit is awaited: the process must not end before it
      worker.postMessage("stop");
      await exited;
    },
  };
}
