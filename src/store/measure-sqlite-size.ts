import { stat } from "node:fs/promises";
import type { PreparedStatements } from "./prepare-cached.ts";

/** The database's pages (free ones included: the file's size) plus its WAL file, in bytes. */
export async function measureSqliteSize(
  statement: PreparedStatements,
  path: string,
): Promise<number> {
  const pages = Number(statement("PRAGMA page_count").get()?.page_count);
  const pageSize = Number(statement("PRAGMA page_size").get()?.page_size);
  const wal =
    path === ":memory:"
      ? 0
      : await stat(`${path}-wal`).then(
          (s) => s.size,
          () => 0,
        );
  return pages * pageSize + wal;
}
