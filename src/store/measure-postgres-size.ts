import type pg from "pg";

/** The tables of the store's schema (current_schema()) with their indexes and TOAST, in bytes. */
export async function measurePostgresSize(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ bytes: string | null }>(
    `SELECT sum(pg_total_relation_size(c.oid))::text AS bytes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'm')`,
  );
  return Number(rows[0]?.bytes ?? 0);
}
