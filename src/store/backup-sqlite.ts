import { existsSync, linkSync, rmSync, statSync } from "node:fs";
import { backup, DatabaseSync } from "node:sqlite";

/** Every page in one step: one read transaction, so the copy is the database as it was then. */
const ALL_PAGES = 2_147_483_647;

export interface BackupResult {
  file: string;
  bytes: number;
  /** `PRAGMA quick_check` of the copy: "ok" when it is sound. */
  check: string;
}

/**
 * A consistent copy of a live SQLite database, made with SQLite's online backup (not a file
 * copy, which would miss the latest writes still in the WAL or catch a page half-written): all
 * pages in one step, inside one read transaction, so the copy holds exactly what was committed
 * when it began, while the server goes on writing (WAL readers do not block writers). The copy
 * is one self-contained file (rollback journal, no WAL), checked with quick_check. It is written
 * beside `to` and linked into place at the end, so `to` is never overwritten nor left half-done.
 */
export async function backupSqlite(path: string, to: string): Promise<BackupResult> {
  if (path === ":memory:") throw new Error("an in-memory database has nothing to back up");
  if (!existsSync(path)) throw new Error(`no database at ${path}`);
  if (existsSync(to)) throw new Error(`${to} already exists; a backup never overwrites a file`);
  const partial = `${to}.partial-${process.pid}`;
  const source = new DatabaseSync(path, { readOnly: true, timeout: 5000 });
  try {
    await backup(source, partial, { rate: ALL_PAGES });
    const copy = new DatabaseSync(partial);
    let check: string;
    try {
      copy.exec("PRAGMA journal_mode = DELETE");
      check = String(copy.prepare("PRAGMA quick_check").get()?.quick_check);
    } finally {
      copy.close();
    }
    linkSync(partial, to); // fails if `to` appeared meanwhile: never overwritten
    return { file: to, bytes: statSync(to).size, check };
  } finally {
    source.close();
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
  }
}
