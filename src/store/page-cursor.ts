import { HttpError } from "../core/http-error.ts";

/**
 * Where a page ends, as an opaque base64url token: the sort key of its last row, a time and an
 * id (an event's id, a delivery's or an audit entry's sequence number).
 */
export interface PageCursor {
  at: number;
  id: string;
}

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString("base64url");
}

/** The cursor a token stands for; a token this store did not make is refused (400 invalid_cursor). */
export function decodeCursor(token: string | undefined): PageCursor | undefined {
  if (token === undefined || token === "") return undefined;
  let parsed: unknown;
  try {
    if (!/^[\w-]+$/.test(token)) throw new Error("not base64url");
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    typeof parsed[0] !== "number" ||
    !Number.isSafeInteger(parsed[0]) ||
    typeof parsed[1] !== "string" ||
    parsed[1] === ""
  )
    throw new HttpError(400, "invalid_cursor", "the cursor is not one a previous page gave");
  return { at: parsed[0], id: parsed[1] };
}

/** The page of `limit` rows from `limit + 1` read: its next cursor when there are more. */
export function pageOf<T>(
  rows: T[],
  limit: number,
  cursorOf: (row: T) => PageCursor,
): { data: T[]; next_cursor: string | null } {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return {
    data,
    next_cursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null,
  };
}

/** The first id of events received at `at` or later (event ids are UUIDv7s of received_at). */
export function eventIdFloor(at: number): string {
  const ms = Math.max(0, Math.trunc(at)).toString(16).padStart(12, "0");
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}`;
}
