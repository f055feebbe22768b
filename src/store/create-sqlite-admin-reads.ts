import type { PreparedStatements } from "./prepare-cached.ts";
import { parseJsonText, readAttemptRow, readDeliveryRow, readEventRow } from "./read-rows.ts";
import { SQLITE_DELIVERY_COLUMNS } from "./sqlite-delivery-columns.ts";
import type { DeliveryStatus, Store, StoreStats } from "./store.ts";

/** The SQLite store's reads for the admin API: events, deliveries, attempts and counts. */
export function createSqliteAdminReads(
  statement: PreparedStatements,
): Pick<Store, "getEvent" | "listDeliveries" | "listAttempts" | "stats"> {
  return {
    getEvent(id) {
      const row = statement("SELECT * FROM events WHERE id = ?").get(id);
      return Promise.resolve(row ? readEventRow(row, parseJsonText) : null);
    },

    listDeliveries({ event_id, status, limit = 100 }) {
      // Only the conditions given: `(:x IS NULL OR ...)` in a statement prepared once keeps
      // SQLite off the event_id index, a full scan per event at a million deliveries.
      const where = [
        ...(event_id === undefined ? [] : ["event_id = :event_id"]),
        ...(status === undefined ? [] : ["status = :status"]),
      ];
      const rows = statement(
        `SELECT ${SQLITE_DELIVERY_COLUMNS} FROM deliveries${where.length > 0 ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY seq LIMIT :limit`,
      ).all({
        ...(event_id === undefined ? {} : { event_id }),
        ...(status === undefined ? {} : { status }),
        limit,
      });
      return Promise.resolve(rows.map((row) => readDeliveryRow(row, parseJsonText)));
    },

    listAttempts(delivery_id) {
      const rows = statement("SELECT * FROM attempts WHERE delivery_id = ? ORDER BY id").all(
        delivery_id,
      );
      return Promise.resolve(rows.map((row) => readAttemptRow(row, parseJsonText)));
    },

    stats() {
      const events = statement("SELECT count(*) AS n FROM events").get()?.n as number;
      const deliveries: StoreStats["deliveries"] = {
        pending: 0,
        running: 0,
        succeeded: 0,
        failed: 0,
        cancelled: 0,
      };
      for (const row of statement(
        "SELECT status, count(*) AS n FROM deliveries GROUP BY status",
      ).all()) {
        deliveries[row.status as DeliveryStatus] = row.n as number;
      }
      return Promise.resolve({ events, deliveries });
    },
  };
}
