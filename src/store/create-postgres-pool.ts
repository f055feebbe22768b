import pg from "pg";
import type { Logger } from "pino";

export interface PostgresOptions {
  /** Connections in the pool (storage.pool_size). */
  poolSize?: number;
  /** Ms after which the server cancels a statement (storage.statement_timeout). */
  statementTimeout?: number;
  /** Ms to wait for a connection, from the pool or from the server, before failing. */
  connectTimeout?: number;
  log?: Pick<Logger, "warn">;
}

/** The types of a store's connections: int8 (bigint, the millisecond times) as numbers, not strings. */
function storeTypes(): pg.TypeOverrides {
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
  return types;
}

/** The client settings every connection of a store shares, the listener's included. */
export function postgresClientConfig(url: string, options: PostgresOptions): pg.ClientConfig {
  return {
    connectionString: url,
    types: storeTypes(),
    statement_timeout: options.statementTimeout ?? 10_000,
    // A query that the server never answers (network gone silent) fails on the client side too.
    query_timeout: (options.statementTimeout ?? 10_000) + 5_000,
    idle_in_transaction_session_timeout: 60_000,
    connectionTimeoutMillis: options.connectTimeout ?? 5_000,
    keepAlive: true,
    application_name: "botbridge",
  };
}

/**
 * A connection pool that survives the database going away: an idle connection the server drops
 * is logged and discarded (an unhandled 'error' would end the process), and every query made
 * while the database is down fails at once or within the connect timeout, never hangs.
 */
export function createPostgresPool(url: string, options: PostgresOptions): pg.Pool {
  const pool = new pg.Pool({
    ...postgresClientConfig(url, options),
    max: options.poolSize ?? 10,
    idleTimeoutMillis: 30_000,
  });
  pool.on("error", (error) => {
    options.log?.warn(
      { err: error, code: "store_unavailable" },
      "an idle database connection failed; it is replaced on next use",
    );
  });
  return pool;
}
