import type pg from "pg";
import { alreadyParsed, type StoredRow } from "./read-rows.ts";
import type { SqlRunner } from "./sql-runner.ts";

/** The SqlRunner of the PostgreSQL store: a transaction on one pooled connection. */
export function postgresSqlRunner(pool: pg.Pool): SqlRunner {
  return {
    dialect: "postgres",
    async all(sql, params) {
      return (await pool.query<StoredRow>(sql, params as unknown[])).rows;
    },
    async transaction(statements) {
      const [only, ...more] = statements;
      if (only && more.length === 0)
        return [(await pool.query<StoredRow>(only.sql, only.params as unknown[])).rows];
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const results: StoredRow[][] = [];
        for (const s of statements)
          results.push((await client.query<StoredRow>(s.sql, s.params as unknown[])).rows);
        await client.query("COMMIT");
        return results;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    json: alreadyParsed,
    errorCode: "split_part(d.last_error, ':', 1)",
    firstTarget: "(s.snapshot -> 'actions' -> 0 ->> 'target')",
  };
}
