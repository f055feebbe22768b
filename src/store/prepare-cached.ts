import type { DatabaseSync, StatementSync } from "node:sqlite";

/** A statement for an SQL text, prepared the first time that text is asked for. */
export type PreparedStatements = (sql: string) => StatementSync;

/** Prepared statements, prepared once per SQL text. */
export function prepareCached(db: DatabaseSync): PreparedStatements {
  const prepared = new Map<string, StatementSync>();
  return (sql: string) => {
    let stmt = prepared.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      prepared.set(sql, stmt);
    }
    return stmt;
  };
}
