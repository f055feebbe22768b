import { open, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";

export interface FileSyncer {
  /**
   * Resolves once everything written to the file before the call is on disk. Calls that arrive
   * while an fsync runs share the next one, so a busy writer pays at most two fsyncs in a row.
   */
  sync: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * fsync of one file on libuv's thread pool, so the event loop goes on while the disk works.
 * The file is opened at the first sync (SQLite creates its WAL file at the first write); its
 * folder is synced once then too, so the file's own entry survives a power cut.
 */
export function createFileSyncer(path: string): FileSyncer {
  let handle: Promise<FileHandle> | undefined;
  let inFlight: Promise<void> | undefined;
  let queued: Promise<void> | undefined;

  const opened = (): Promise<FileHandle> => {
    handle ??= (async () => {
      const folder = await open(dirname(path), "r");
      try {
        await folder.sync();
      } finally {
        await folder.close();
      }
      return open(path, "r");
    })();
    // a failed open is tried again at the next sync
    void handle.catch(() => (handle = undefined));
    return handle;
  };

  const once = async (): Promise<void> => (await opened()).sync();

  const sync = (): Promise<void> => {
    if (inFlight === undefined) {
      inFlight = once().finally(() => (inFlight = undefined));
      return inFlight;
    }
    queued ??= inFlight
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return sync();
      });
    return queued;
  };

  return {
    sync,
    async close() {
      await Promise.allSettled([inFlight, queued]);
      const file = await handle?.catch(() => undefined);
      handle = undefined;
      await file?.close();
    },
  };
}
