import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { backup, type DatabaseSync } from "node:sqlite";

/**
 * Copies what an open connection still sees (its files may be gone from their paths) into a
 * complete database file, with SQLite's online backup: back to `path` when nothing is there any
 * more (no database, WAL or shared-memory file), so a restart goes on with it; else beside it as
 * `<path>.recovered-<time>`, never over a file someone put in its place. Returns where it went.
 */
export async function saveLiveDatabase(
  db: DatabaseSync,
  path: string,
  now: Date = new Date(),
): Promise<string> {
  const free = ["", "-wal", "-shm"].every((suffix) => !existsSync(`${path}${suffix}`));
  const to = free ? path : `${path}.recovered-${now.toISOString().replace(/[:.]/g, "-")}`;
  mkdirSync(dirname(to), { recursive: true });
  await backup(db, to);
  return to;
}
