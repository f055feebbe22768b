import type pg from "pg";
import { movePostgresRouteSnapshots } from "./move-postgres-route-snapshots.ts";
import { readMigrations } from "./read-migrations.ts";

/** Data moves in TypeScript, run right after the migration of that version. */
const AFTER: Record<number, (client: pg.PoolClient) => Promise<void>> = {
  3: movePostgresRouteSnapshots,
};

/**
 * Applies the numbered migrations of migrations/postgres/ not yet applied, all in one
 * transaction under an advisory lock on the current schema: instances that start together wait
 * for each other, and the second finds everything applied. A failed migration applies nothing.
 */
export async function migratePostgres(pool: pg.Pool): Promise<void> {
  const migrations = await readMigrations(new URL("./migrations/postgres/", import.meta.url));
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      "SELECT pg_advisory_xact_lock(hashtext('botbridge.migrate'), hashtext(current_schema()))",
    );
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)",
    );
    const { rows } = await client.query<{ version: number }>(
      "SELECT version FROM schema_migrations",
    );
    const applied = new Set(rows.map((r) => r.version));
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await AFTER[migration.version]?.(client);
      await client.query(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
        [migration.version, migration.name, Date.now()],
      );
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
