import type pg from "pg";
import { POSTGRES_DELIVERY_COLUMNS } from "./postgres-delivery-columns.ts";
import { alreadyParsed, readAttemptRow, readDeliveryRow, readEventRow } from "./read-rows.ts";
import type { DeliveryStatus, Store, StoreStats } from "./store.ts";

type Row = Record<string, unknown>;

/** The PostgreSQL store's reads for the admin API: events, deliveries, attempts and counts. */
export function createPostgresAdminReads(
  pool: pg.Pool,
): Pick<Store, "getEvent" | "listDeliveries" | "listAttempts" | "stats"> {
  const rows = async (sql: string, params: unknown[] = []) =>
    (await pool.query<Row>(sql, params)).rows;

  return {
    async getEvent(id) {
      const [row] = await rows("SELECT * FROM events WHERE id = $1", [id]);
      return row ? readEventRow(row, alreadyParsed) : null;
    },

    async listDeliveries({ event_id, status, limit = 100 }) {
      const found = await rows(
        `SELECT ${POSTGRES_DELIVERY_COLUMNS} FROM deliveries d WHERE ($1::text IS NULL OR d.event_id = $1)
         AND ($2::text IS NULL OR d.status = $2) ORDER BY d.seq LIMIT $3`,
        [event_id ?? null, status ?? null, limit],
      );
      return found.map((row) => readDeliveryRow(row, alreadyParsed));
    },

    async listAttempts(delivery_id) {
      const found = await rows("SELECT * FROM attempts WHERE delivery_id = $1 ORDER BY id", [
        delivery_id,
      ]);
      return found.map((row) => readAttemptRow(row, alreadyParsed));
    },

    async stats() {
      const [count] = await rows("SELECT count(*)::integer AS n FROM events");
      const deliveries: StoreStats["deliveries"] = {
        pending: 0,
        running: 0,
        succeeded: 0,
        failed: 0,
        cancelled: 0,
      };
      for (const row of await rows(
        "SELECT status, count(*)::integer AS n FROM deliveries GROUP BY status",
      ))
        deliveries[row.status as DeliveryStatus] = row.n as number;
      return { events: Number(count?.n ?? 0), deliveries };
    },
  };
}
