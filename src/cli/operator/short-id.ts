/**
 * An id shortened for a column that refers to another row (a delivery's event): its last 8
 * characters, which are random in a UUIDv7 (the first ones are the time, shared by neighbours).
 * Rows show their own id in full, since that is what the commands take.
 */
export function shortId(id: string): string {
  return id.length > 12 ? `…${id.slice(-8)}` : id;
}
