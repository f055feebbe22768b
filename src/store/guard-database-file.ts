import { statSync, type Stats } from "node:fs";
import { stat } from "node:fs/promises";
import type { DatabaseSync } from "node:sqlite";
import type { Logger } from "pino";
import { saveLiveDatabase } from "./save-live-database.ts";

export interface DatabaseFileGuard {
  /**
   * Resolves while the database file and its WAL are still the files at their paths. Once one
   * is deleted or replaced, SQLite would go on writing into a file nobody will ever open again:
   * then this rejects, now and from then on, after the live database has been saved (once).
   */
  verify(): Promise<void>;
  /** Set once the files are lost: every write is refused with it (webhooks get 503). */
  lost(): Error | undefined;
}

interface Watched {
  path: string;
  /** Device and inode as opened; the WAL's is learnt once it exists (SQLite creates it at the first write). */
  id?: string;
}

/**
 * Watches the files behind an open SQLite connection: a file deleted or replaced under a running
 * server (a cleanup script, a volume swapped) is noticed at the next commit, ping or periodic
 * check, writes stop, and the connection's view (every acknowledged event) is saved to disk.
 */
export function guardDatabaseFile(
  db: DatabaseSync,
  path: string,
  log?: Pick<Logger, "error">,
): DatabaseFileGuard {
  const files: Watched[] = [{ path, id: idOf(statSync(path)) }, { path: `${path}-wal` }];
  let lost: Error | undefined;
  let saved: Promise<void> | undefined;

  const findLoss = async (): Promise<string | undefined> => {
    for (const file of files) {
      const now = await stat(file.path).then(idOf, (error: unknown) => {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      });
      if (file.id === undefined) file.id = now;
      else if (now === undefined) return `database file ${file.path} was deleted`;
      else if (now !== file.id) return `database file ${file.path} was replaced`;
    }
    return undefined;
  };

  const save = (reason: string): Promise<void> =>
    saveLiveDatabase(db, path).then(
      (to) =>
        log?.error(
          { code: "store_unavailable", saved_to: to },
          `${reason} under the running server: every write is refused (webhooks get 503, /readyz is not ready); the live database, every acknowledged event in it, was saved to ${to}; ${to === path ? "restart botbridge to go on with it" : `stop botbridge, put it in place of ${path} and start botbridge again`}`,
        ),
      (error: unknown) =>
        log?.error(
          { code: "store_unavailable", err: error },
          `${reason} under the running server: every write is refused, and the live database could not be saved; until botbridge stops, its open files (/proc/${process.pid}/fd) still hold it`,
        ),
    );

  /** Once, whichever check notices first. */
  const lose = (reason: string): void => {
    if (lost) return;
    lost = Object.assign(new Error(`${reason}; writes are refused until botbridge restarts`), {
      code: "store_file_lost",
    });
    saved = save(reason);
  };

  return {
    async verify() {
      if (!lost) {
        const reason = await findLoss();
        if (reason !== undefined) lose(reason);
      }
      if (lost) {
        await saved;
        throw lost;
      }
    },
    lost: () => lost,
  };
}

function idOf(stats: Stats): string {
  return `${stats.dev}:${stats.ino}`;
}
