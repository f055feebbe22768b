import { statfsSync } from "node:fs";
import { dirname } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import type { Logger } from "pino";

/** Databases up to this size are switched to incremental vacuum at start (a VACUUM of seconds). */
export const CONVERT_LIMIT = 64 * 1024 * 1024;

export type VacuumMode = "incremental" | "full" | "converted" | "too_large" | "low_disk";

/**
 * Makes a purge give its space back: a database created by this version has
 * auto_vacuum=INCREMENTAL from the start (set before its first table), but one created before
 * has none, and switching takes a VACUUM, which rewrites the whole file (needing as much free
 * disk again) and blocks while it runs. So it is done at start, before anything is served, and
 * only for a file up to `limit` bytes with twice its size free; a larger one is left as it is,
 * with a warning saying how to switch it by hand (docs/storage.md).
 */
export function enableIncrementalVacuum(
  db: DatabaseSync,
  path: string,
  options: { limit?: number; log?: Pick<Logger, "info" | "warn"> } = {},
): VacuumMode {
  const pragma = (name: string) => Number(db.prepare(`PRAGMA ${name}`).get()?.[name]);
  const mode = pragma("auto_vacuum");
  if (mode === 2) return "incremental";
  if (mode === 1) return "full";
  const size = pragma("page_count") * pragma("page_size");
  const limit = options.limit ?? CONVERT_LIMIT;
  const disk = statfsSync(dirname(path));
  const free = disk.bavail * disk.bsize;
  const said = { code: "incremental_vacuum_off", database: path, size_bytes: size };
  if (size > limit) {
    options.log?.warn(
      { ...said, limit_bytes: limit },
      "purged events leave free pages inside the database file instead of shrinking it: the file is too large to switch to incremental vacuum at start; switch it once by hand while botbridge is stopped (docs/storage.md)",
    );
    return "too_large";
  }
  if (free < 2 * size) {
    options.log?.warn(
      { ...said, free_bytes: free },
      "not enough free disk to switch the database to incremental vacuum (it needs twice its size); purged events leave free pages inside the file (docs/storage.md)",
    );
    return "low_disk";
  }
  db.exec("PRAGMA auto_vacuum = INCREMENTAL; VACUUM; PRAGMA wal_checkpoint(TRUNCATE);");
  options.log?.info(
    said,
    "database switched to incremental vacuum (once): purges now give their space back",
  );
  return "converted";
}
