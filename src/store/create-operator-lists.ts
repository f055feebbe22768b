import { HttpError } from "../core/http-error.ts";
import type { DeliveryDetail, EventSummary, OperatorStore, Operation } from "./operator-store.ts";
import { decodeCursor, encodeCursor, pageOf } from "./page-cursor.ts";
import { readDeliveryRow, type StoredRow } from "./read-rows.ts";
import type { SqlRunner } from "./sql-runner.ts";
import { deliveryConditions, eventConditions, sqlParams, whereOf } from "./build-filter-sql.ts";
import type { DeliveryStatus } from "./store.ts";

const DELIVERY_COLUMNS = `d.id, d.event_id, d.route_id, d.status, d.next_action, d.outputs, d.attempts,
  d.order_key, d.next_target, d.created_at, d.next_attempt_at, d.last_error, d.updated_at`;

/** The operator's reads: pages of events, deliveries and audit entries, a delivery, an operation. */
export function createOperatorLists(
  sql: SqlRunner,
): Pick<
  OperatorStore,
  | "listEvents"
  | "listDeliveryPage"
  | "getDelivery"
  | "countDeliveries"
  | "selectDeliveryIds"
  | "listAudit"
  | "getOperation"
> {
  const deliveryRow = (row: StoredRow) => readDeliveryRow(row, sql.json);

  return {
    async listEvents(filter, { cursor, limit }) {
      const after = decodeCursor(cursor);
      const p = sqlParams();
      // A search walks its first (longest: likely rarest) term's events, newest first.
      const terms = [...(filter.terms ?? [])].sort((a, b) => b.length - a.length);
      const where = eventConditions(
        { ...filter, terms },
        after,
        p,
        terms[0] === undefined ? "e.id" : "t0.event_id",
      );
      const from = terms[0] === undefined ? "events e" : `event_terms t0 CROSS JOIN events e`;
      if (terms[0] !== undefined)
        where.unshift(`t0.term = ${p.add(terms[0])}`, "e.id = t0.event_id");
      const order = terms[0] === undefined ? "e.id" : "t0.event_id";
      const rows = await sql.all(
        `SELECT e.id, e.source, e.received_at, e.method, e.content_type FROM ${from}
         ${whereOf(where)} ORDER BY ${order} DESC LIMIT ${p.add(limit + 1)}`,
        p.values,
      );
      const page = pageOf(rows, limit, (r) => ({
        at: r.received_at as number,
        id: r.id as string,
      }));
      const ids = page.data.map((r) => r.id as string);
      const byEvent = new Map<string, EventSummary["deliveries"]>(ids.map((id) => [id, []]));
      if (ids.length > 0) {
        const q = sqlParams();
        for (const d of await sql.all(
          `SELECT d.event_id, d.id, d.route_id, d.status FROM deliveries d
           WHERE d.event_id IN (${ids.map((id) => q.add(id)).join(", ")}) ORDER BY d.seq`,
          q.values,
        ))
          byEvent.get(d.event_id as string)?.push({
            id: d.id as string,
            route_id: d.route_id as string,
            status: d.status as DeliveryStatus,
          });
      }
      return {
        data: page.data.map((r) => ({
          id: r.id as string,
          source: r.source as string,
          received_at: r.received_at as number,
          method: r.method as string,
          content_type: (r.content_type as string | null) ?? null,
          deliveries: byEvent.get(r.id as string) ?? [],
        })),
        next_cursor: page.next_cursor,
      };
    },

    async listDeliveryPage(filter, { cursor, limit }) {
      const after = decodeCursor(cursor);
      const p = sqlParams();
      const where = deliveryConditions(filter, p, sql.errorCode);
      if (after) where.push(`d.seq < ${p.add(seqOf(after.id))}`);
      const rows = await sql.all(
        `SELECT ${DELIVERY_COLUMNS}, d.seq FROM deliveries d ${whereOf(where)}
         ORDER BY d.seq DESC LIMIT ${p.add(limit + 1)}`,
        p.values,
      );
      const page = pageOf(rows, limit, (r) => ({ at: r.created_at as number, id: String(r.seq) }));
      return { data: page.data.map(deliveryRow), next_cursor: page.next_cursor };
    },

    async getDelivery(id) {
      const [row] = await sql.all(
        `SELECT ${DELIVERY_COLUMNS}, s.snapshot, e.source FROM deliveries d
         JOIN events e ON e.id = d.event_id LEFT JOIN route_snapshots s ON s.hash = d.route_hash
         WHERE d.id = $1`,
        [id],
      );
      if (!row) return null;
      const detail: DeliveryDetail = {
        ...deliveryRow(row),
        route_snapshot: (row.snapshot === null ? {} : sql.json(row.snapshot)) as Record<
          string,
          unknown
        >,
        source: row.source as string,
      };
      return detail;
    },

    async countDeliveries(filter) {
      const p = sqlParams();
      const [row] = await sql.all(
        `SELECT count(*) AS n FROM deliveries d ${whereOf(deliveryConditions(filter, p, sql.errorCode))}`,
        p.values,
      );
      return Number(row?.n ?? 0);
    },

    async selectDeliveryIds(filter, after, limit) {
      const from = decodeCursor(after ?? undefined);
      const p = sqlParams();
      const where = deliveryConditions(filter, p, sql.errorCode);
      if (from) where.push(`d.seq > ${p.add(seqOf(from.id))}`);
      const rows = await sql.all(
        `SELECT d.id, d.seq, d.created_at FROM deliveries d ${whereOf(where)} ORDER BY d.seq LIMIT ${p.add(limit)}`,
        p.values,
      );
      const last = rows.at(-1);
      return {
        ids: rows.map((r) => r.id as string),
        next:
          rows.length === limit && last
            ? encodeCursor({ at: last.created_at as number, id: String(last.seq) })
            : null,
      };
    },

    async listAudit({ cursor, limit }) {
      const after = decodeCursor(cursor);
      const p = sqlParams();
      const where = after ? [`id < ${p.add(seqOf(after.id))}`] : [];
      const rows = await sql.all(
        `SELECT id, at, actor, action, subject, details FROM audit ${whereOf(where)}
         ORDER BY id DESC LIMIT ${p.add(limit + 1)}`,
        p.values,
      );
      const page = pageOf(rows, limit, (r) => ({ at: r.at as number, id: String(r.id) }));
      return {
        data: page.data.map((r) => ({
          id: String(r.id),
          at: r.at as number,
          actor: r.actor as string,
          action: r.action as string,
          subject: r.subject as string,
          details: sql.json(r.details) as Record<string, unknown>,
        })),
        next_cursor: page.next_cursor,
      };
    },

    async getOperation(id) {
      const [r] = await sql.all("SELECT * FROM operations WHERE id = $1", [id]);
      if (!r) return null;
      const operation: Operation = {
        id: r.id as string,
        kind: r.kind as Operation["kind"],
        filter: sql.json(r.filter) as Operation["filter"],
        actor: r.actor as string,
        status: r.status as Operation["status"],
        total: r.total as number,
        done: r.done as number,
        changed: r.changed as number,
        error: r.error as string | null,
        created_at: r.created_at as number,
        updated_at: r.updated_at as number,
      };
      return operation;
    },
  };
}

/** A sequence number from a cursor; anything else was not made by this store. */
function seqOf(id: string): number {
  if (!/^\d{1,15}$/.test(id))
    throw new HttpError(400, "invalid_cursor", "the cursor is not one a previous page gave");
  return Number(id);
}
