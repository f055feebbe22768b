import { formatProblem } from "../core/problem.ts";
import { loadConfig } from "../config/load-config.ts";
import { createActions } from "../actions/actions.ts";
import { backupSqlite } from "../store/backup-sqlite.ts";
import { sqlitePath } from "../store/sqlite-store.ts";

export interface BackupOptions {
  configPath: string;
  /** The store to copy; else BOTBRIDGE_DATABASE_URL, else the routes file's storage.url. */
  database?: string | undefined;
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** `botbridge backup FILE`: copies the SQLite store to FILE; the exit code (0 when the copy is sound). */
export async function runBackup(file: string, options: BackupOptions): Promise<number> {
  const { out, err } = options;
  let url = options.database ?? options.env.BOTBRIDGE_DATABASE_URL;
  if (url === undefined) {
    const loaded = await loadConfig(options.configPath, {
      actions: createActions(),
      env: options.env,
    });
    if (!loaded.ok) {
      err(loaded.problems.map(formatProblem).join("\n"));
      err(
        `botbridge: cannot read storage.url from ${options.configPath}; name the store with --database sqlite:PATH`,
      );
      return 1;
    }
    url = loaded.config.settings.storage.url;
  }
  if (!url.startsWith("sqlite:")) {
    err(
      "botbridge: backup copies a SQLite store; back up PostgreSQL with pg_dump (docs/storage.md)",
    );
    return 1;
  }
  try {
    const result = await backupSqlite(sqlitePath(url), file);
    if (result.check !== "ok") {
      err(`botbridge: the copy at ${file} fails its integrity check: ${result.check}`);
      return 1;
    }
    out(`backed up ${sqlitePath(url)} to ${file} (${result.bytes} bytes, integrity ok)`);
    return 0;
  } catch (error) {
    err(`botbridge: backup failed: ${(error as Error).message}`);
    return 1;
  }
}
