import type { DeliveryFilter, EventFilter } from "./operator-store.ts";
import { eventIdFloor, type PageCursor } from "./page-cursor.ts";
import type { SqlValue } from "./sql-runner.ts";

/** Parameters of a statement being built: `add` gives the placeholder of a new one. */
export interface SqlParams {
  values: SqlValue[];
  add(value: SqlValue): string;
}

export function sqlParams(): SqlParams {
  const values: SqlValue[] = [];
  return { values, add: (value) => (values.push(value), `$${values.length}`) };
}

/**
 * The WHERE conditions on `events e` of an events page (newest first by id, a UUIDv7 of
 * received_at, so the time bounds are id bounds an index walks). Terms are joined by the caller:
 * the first drives the walk (`t0`), the others must exist beside it.
 */
export function eventConditions(
  filter: EventFilter,
  cursor: PageCursor | undefined,
  p: SqlParams,
  idColumn = "e.id",
): string[] {
  const where: string[] = [];
  if (filter.source !== undefined) where.push(`e.source = ${p.add(filter.source)}`);
  if (filter.since !== undefined)
    where.push(
      `${idColumn} >= ${p.add(eventIdFloor(filter.since))}`,
      `e.received_at >= ${p.add(filter.since)}`,
    );
  if (filter.until !== undefined)
    where.push(
      `${idColumn} < ${p.add(eventIdFloor(filter.until))}`,
      `e.received_at < ${p.add(filter.until)}`,
    );
  if (cursor) where.push(`${idColumn} < ${p.add(cursor.id)}`);
  if (filter.status !== undefined || filter.route !== undefined) {
    const match = [
      ...(filter.status === undefined ? [] : [`d.status = ${p.add(filter.status)}`]),
      ...(filter.route === undefined ? [] : [`d.route_id = ${p.add(filter.route)}`]),
    ];
    where.push(
      `EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id AND ${match.join(" AND ")})`,
    );
  }
  const [, ...others] = filter.terms ?? [];
  others.forEach((term, i) =>
    where.push(
      `EXISTS (SELECT 1 FROM event_terms t${i + 1} WHERE t${i + 1}.term = ${p.add(term)} AND t${i + 1}.event_id = e.id)`,
    ),
  );
  return where;
}

/** The WHERE conditions on `deliveries d` of a filter; `errorCode` is the store's indexed expression. */
export function deliveryConditions(
  filter: DeliveryFilter,
  p: SqlParams,
  errorCode: string,
): string[] {
  const where: string[] = [];
  if (filter.status !== undefined) where.push(`d.status = ${p.add(filter.status)}`);
  if (filter.route !== undefined) where.push(`d.route_id = ${p.add(filter.route)}`);
  if (filter.target !== undefined) where.push(`d.next_target = ${p.add(filter.target)}`);
  if (filter.event_id !== undefined) where.push(`d.event_id = ${p.add(filter.event_id)}`);
  if (filter.error_code !== undefined)
    where.push("d.last_error IS NOT NULL", `${errorCode} = ${p.add(filter.error_code)}`);
  if (filter.since !== undefined) where.push(`d.created_at >= ${p.add(filter.since)}`);
  if (filter.until !== undefined) where.push(`d.created_at < ${p.add(filter.until)}`);
  return where;
}

/** `WHERE a AND b`, or nothing. */
export function whereOf(conditions: readonly string[]): string {
  return conditions.length === 0 ? "" : `WHERE ${conditions.join(" AND ")}`;
}
