import type { DecodeJson, StoredRow } from "./read-rows.ts";

/** One statement: SQL with `$1`, `$2`... placeholders, and its parameters. */
export interface SqlStatement {
  sql: string;
  params: readonly SqlValue[];
}

export type SqlValue = string | number | boolean | null;

/**
 * The operator's queries are written once, in the SQL both stores speak, and run through this:
 * SQLite and PostgreSQL each give their way of reading, of writing in one transaction, and the
 * few expressions that differ.
 */
export interface SqlRunner {
  readonly dialect: "sqlite" | "postgres";
  /** Rows of a read. */
  all(sql: string, params: readonly SqlValue[]): Promise<StoredRow[]>;
  /** Statements in one transaction, committed; each one's rows (RETURNING). */
  transaction(statements: readonly SqlStatement[]): Promise<StoredRow[][]>;
  /** A JSON column's value. */
  json: DecodeJson;
  /** The error code of `d.last_error` (`http_401` of `http_401: Unauthorized`), as indexed. */
  errorCode: string;
  /** The target of the first action of the route snapshot `s.snapshot`. */
  firstTarget: string;
}
