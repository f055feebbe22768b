import type { SQLInputValue } from "node:sqlite";
import type { GroupCommit } from "./group-commit.ts";
import type { PreparedStatements } from "./prepare-cached.ts";
import { parseJsonText } from "./read-rows.ts";
import type { SqlRunner, SqlValue } from "./sql-runner.ts";

/** The SqlRunner of the SQLite store: `$n` becomes `?n`, booleans 1 and 0, integers INTEGER; writes join the group commit. */
export function sqliteSqlRunner(writes: GroupCommit, statement: PreparedStatements): SqlRunner {
  const prepare = (sql: string) => statement(sql.replace(/\$(\d+)/g, "?$1"));
  // integers as BigInt, bound as INTEGER: a number is bound as REAL, and `seq >= 5.0` walks no key
  const bind = (params: readonly SqlValue[]): SQLInputValue[] =>
    params.map((p) =>
      typeof p === "boolean" ? (p ? 1 : 0) : Number.isSafeInteger(p) ? BigInt(p as number) : p,
    );
  return {
    dialect: "sqlite",
    all(sql, params) {
      return Promise.resolve(prepare(sql).all(...bind(params)));
    },
    transaction(statements) {
      return writes.run(() => statements.map((s) => prepare(s.sql).all(...bind(s.params))));
    },
    json: parseJsonText,
    errorCode: "substr(d.last_error, 1, instr(d.last_error, ':') - 1)",
    firstTarget: "json_extract(s.snapshot, '$.actions[0].target')",
  };
}
